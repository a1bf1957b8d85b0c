/*
 * linebreak.c — UAX #14 plus the Chinese line-start and line-end rules
 * (see linebreak.h).
 *
 * libunistring already keeps most closing punctuation off the line start
 * (classes CL, NS, EX), but its classes follow Unicode, not Chinese practice:
 * quotes are "ambiguous", and a digit may be parted from the 年 after it.
 * The explicit lists below state the typesetting rules outright, so they hold
 * whatever version of the Unicode data libunistring ships.
 */
#include "render/linebreak.h"

#include <stdint.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

/* Characters that may not begin a line. */
static const uint32_t no_line_start[] = {
    0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, /* ，。、；：？！ */
    0xFF09, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011, 0x3015, /* ）」』》〉】〕 */
    0x3017, 0x3019, 0x301B, 0xFF3D, 0xFF5D, 0xFF0E,         /* 〗〙〛］｝． */
    0x201D, 0x2019, 0x2026, 0x2025, 0x00B7, 0x30FB, 0x3003, /* ”’…‥·・〃 */
    0x3005, 0xFF05, 0x2030, 0x2103, 0x00B0,                 /* 々％‰℃° */
    ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
};

/* Characters that may not end a line. */
static const uint32_t no_line_end[] = {
    0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010, 0x3014, /* （「『《〈【〔 */
    0x3016, 0x3018, 0x301A, 0xFF3B, 0xFF5B,                 /* 〖〘〚［｛ */
    0x201C, 0x2018, '(', '[', '{',                          /* “‘ */
};

static int listed(const uint32_t *list, size_t n, uint32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == cp)
            return 1;
    return 0;
}

static int is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Hanzi and the full-width punctuation set among them. */
static int is_wide(uint32_t cp)
{
    return is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60);
}

/* The code point that ends just before byte `i`. */
static uint32_t char_before(const uint8_t *s, size_t i)
{
    ucs4_t cp = 0xFFFD;
    if (!u8_prev(&cp, s + i, s))
        cp = 0xFFFD;
    return cp;
}

void kp_linebreaks(const char *utf8, size_t len, char *brk)
{
    const uint8_t *s = (const uint8_t *)utf8;
    memset(brk, KP_BREAK_NO, len + 1);
    brk[len] = KP_BREAK_MUST;
    if (len == 0)
        return;

    /* libunistring writes one verdict per byte about the break *before*
     * that byte, except for mandatory breaks, which it puts on the newline
     * itself; brk[] moves them after it. */
    char *p = brk;
    u8_possible_linebreaks(s, len, "UTF-8", p);
    for (size_t i = len; i-- > 0;) {
        char v = p[i];
        p[i] = KP_BREAK_NO;
        if (v == UC_BREAK_MANDATORY)
            brk[i + 1] = KP_BREAK_MUST;
        else if (v == UC_BREAK_POSSIBLE || v == UC_BREAK_HYPHENATION)
            p[i] = KP_BREAK_ALLOWED;
    }
    brk[0] = KP_BREAK_NO;
    brk[len] = KP_BREAK_MUST;

    for (size_t i = 1; i < len; i++) {
        if (brk[i] == KP_BREAK_MUST || (s[i] & 0xC0) == 0x80)
            continue;
        ucs4_t next;
        u8_mbtouc(&next, s + i, len - i);
        uint32_t prev = char_before(s, i);
        /* UAX #14 (before Unicode 15.1) glues quotation marks to both
         * neighbours; between hanzi, Chinese text breaks before an opening
         * and after a closing quote like before and after any hanzi. */
        if (brk[i] == KP_BREAK_NO &&
            (((next == 0x201C || next == 0x2018) && is_wide(prev)) ||
             ((prev == 0x201D || prev == 0x2019) && is_wide(next))))
            brk[i] = KP_BREAK_ALLOWED;
        if (brk[i] != KP_BREAK_ALLOWED)
            continue;
        if (listed(no_line_start, sizeof no_line_start / sizeof *no_line_start, next) ||
            listed(no_line_end, sizeof no_line_end / sizeof *no_line_end, prev) ||
            (is_digit(prev) && is_han(next)))
            brk[i] = KP_BREAK_NO;
    }
}
