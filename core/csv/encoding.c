/* encoding.c — UTF-8 checking and UTF-8/GB18030 detection (see encoding.h). */
#include "csv/encoding.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * A sample with at least this many well-formed multibyte UTF-8 characters per
 * bad sequence is taken as UTF-8 with damage.  The city's work plan converted
 * to GBK shows about one well-formed sequence per three bad ones, so the
 * margin is wide.
 */
#define UTF8_GOOD_PER_BAD 8

const char *kp_encoding_name(kp_encoding enc)
{
    switch (enc) {
    case KP_ENC_UTF8_BOM: return "UTF-8 with BOM";
    case KP_ENC_GB18030: return "GB18030";
    case KP_ENC_UNDECIDED:
    case KP_ENC_UTF8: break;
    }
    return "UTF-8";
}

static int has_high_bit(uint64_t w)
{
    return (w & 0x8080808080808080ull) != 0;
}

size_t kp_ascii_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (has_high_bit(w))
            break;
    }
    while (i < n && p[i] < 0x80)
        i++;
    return i;
}

/*
 * One character starting with a byte >= 0x80: its length if well formed, 0 if
 * the data ends before it is complete (and what there is could still become a
 * character), -1 if it is not UTF-8.  The ranges are those of the Unicode
 * standard's table of well-formed byte sequences.
 */
static int utf8_char(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    int len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return 0;
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (p[i] < min || p[i] > max)
            return -1;
    }
    return len;
}

size_t kp_utf8_prefix(const unsigned char *p, size_t n, size_t limit, kp_utf8_stop *stop)
{
    size_t i = 0;
    *stop = KP_UTF8_OK;
    while (i < n && i < limit) {
        i += kp_ascii_prefix(p + i, (limit < n ? limit : n) - i);
        if (i >= n || i >= limit)
            break;
        /* Chinese text is almost all three-byte characters; leads other than E0 and ED need no range checks. */
        if (p[i] >= 0xE1 && p[i] <= 0xEF && p[i] != 0xED && i + 2 < n &&
            (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        int k = utf8_char(p + i, n - i);
        if (k <= 0) {
            *stop = k == 0 ? KP_UTF8_TRUNCATED : KP_UTF8_INVALID;
            break;
        }
        i += (size_t)k;
    }
    return i;
}

kp_encoding kp_detect_encoding(const unsigned char *p, size_t n, int complete)
{
    size_t good = 0, bad = 0, i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int k = utf8_char(p + i, n - i);
        if (k > 0) {
            good++;
            i += (size_t)k;
        } else if (k == 0) {
            if (complete)
                bad++;
            break;
        } else {
            /* One bad sequence: the byte and the continuation bytes that follow it. */
            bad++;
            i++;
            while (i < n && p[i] >= 0x80 && p[i] <= 0xBF)
                i++;
        }
    }
    if (bad == 0 || good >= UTF8_GOOD_PER_BAD * bad)
        return KP_ENC_UTF8;
    return KP_ENC_GB18030;
}

void kp_describe_bytes(const unsigned char *p, size_t n, char *out)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 4; i++) {
        if (i > 0 && p[i] < 0x80)
            break;
        len += (size_t)snprintf(out + len, KP_BYTES_TEXT_MAX - len, "%s0x%02X", i ? " " : "", p[i]);
    }
}
