/* codeset.c — a bitmap set of Unicode code points (see codeset.h). */
#include "render/codeset.h"

#include <stdlib.h>

#include <unistr.h>

#define WORDS (KP_CODESET_LIMIT / 64)

int kp_codeset_init(kp_codeset *cs, kp_err *e)
{
    cs->count = 0;
    cs->bits = calloc(WORDS, sizeof *cs->bits);
    if (!cs->bits)
        return kp_fail(e, "out of memory for a character set");
    return 0;
}

void kp_codeset_free(kp_codeset *cs)
{
    free(cs->bits);
    cs->bits = NULL;
    cs->count = 0;
}

void kp_codeset_add(kp_codeset *cs, uint32_t cp)
{
    if (cp >= KP_CODESET_LIMIT)
        return;
    uint64_t bit = (uint64_t)1 << (cp & 63);
    if (!(cs->bits[cp >> 6] & bit)) {
        cs->bits[cp >> 6] |= bit;
        cs->count++;
    }
}

int kp_codeset_has(const kp_codeset *cs, uint32_t cp)
{
    return cp < KP_CODESET_LIMIT && (cs->bits[cp >> 6] >> (cp & 63) & 1);
}

void kp_codeset_add_utf8(kp_codeset *cs, const char *utf8, size_t len)
{
    const uint8_t *s = (const uint8_t *)utf8, *end = s + len;
    while (s < end) {
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s, (size_t)(end - s));
        kp_codeset_add(cs, cp);
        s += n > 0 ? n : 1;
    }
}

uint32_t kp_codeset_next(const kp_codeset *cs, uint32_t from)
{
    if (from >= KP_CODESET_LIMIT)
        return KP_CODESET_END;
    size_t w = from >> 6;
    uint64_t word = cs->bits[w] & (~(uint64_t)0 << (from & 63));
    for (;;) {
        if (word)
            return (uint32_t)(w * 64 + (size_t)__builtin_ctzll(word));
        if (++w >= WORDS)
            return KP_CODESET_END;
        word = cs->bits[w];
    }
}
