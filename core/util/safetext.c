/* safetext.c — repairing and escaping stored text for output (see safetext.h). */
#include "util/safetext.h"

#include <stdio.h>
#include <string.h>

/* The code point at `p` and its length in bytes, or length 0 when the bytes
 * are not well-formed UTF-8 (overlong forms and surrogates included). */
size_t kp_utf8_decode(const unsigned char *p, unsigned *cp)
{
    if (*p < 0x80) {
        *cp = *p;
        return 1;
    }
    size_t len = *p >= 0xC2 && *p <= 0xDF ? 2 : *p >= 0xE0 && *p <= 0xEF ? 3
               : *p >= 0xF0 && *p <= 0xF4 ? 4 : 0;
    if (!len)
        return 0;
    unsigned c = *p & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static int is_control(unsigned c, unsigned flags)
{
    if (c == '\t' || c == '\n')
        return (flags & KP_TEXT_ONE_LINE) != 0;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF;
}

/* What stands for code point `c` (or an invalid byte, when `bad`). */
static int put_replacement(kp_buf *out, unsigned c, int bad, unsigned flags)
{
    if (bad || !(flags & KP_TEXT_ESCAPES))
        return kp_buf_puts(out, "\xEF\xBF\xBD");
    return kp_buf_printf(out, c > 0xFF ? "\\u%04X" : "\\x%02x", c);
}

/* UTF-16 code units the character at `p` takes once cleaned; its byte
 * length (at least 1) in *len. */
static size_t units_at(const unsigned char *p, unsigned flags, size_t *len)
{
    unsigned c = 0;
    *len = kp_utf8_decode(p, &c);
    if (!*len) {
        *len = 1;
        return 1;
    }
    if (is_control(c, flags))
        return flags & KP_TEXT_ESCAPES ? (c > 0xFF ? 6 : 4) : 1;
    return c > 0xFFFF ? 2 : 1;
}

static int fits(const unsigned char *p, size_t room, unsigned flags)
{
    size_t units = 0, len;
    for (; *p && units <= room; p += len)
        units += units_at(p, flags, &len);
    return units <= room;
}

int kp_safetext_append(kp_buf *out, const char *s, size_t max_units, unsigned flags)
{
    size_t units = 0, len;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p += len) {
        size_t need = units_at(p, flags, &len);
        /* Room for the ellipsis is kept once the rest no longer fits. */
        if (max_units && units + need + 1 > max_units && !fits(p, max_units - units, flags))
            return kp_buf_puts(out, "\xE2\x80\xA6");
        unsigned c = 0;
        int ok = kp_utf8_decode(p, &c) != 0;
        int rc = ok && !is_control(c, flags) ? kp_buf_append(out, p, len)
                                             : put_replacement(out, c, !ok, flags);
        if (rc)
            return -1;
        units += need;
    }
    return 0;
}
