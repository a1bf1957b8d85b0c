/*
 * text.c — cleaning, fitting, measuring and wrapping text (see text.h).
 *
 * Widths are added up in integer 1/1000 em, exactly as the PDF viewer will
 * add them up from the font's width table, and only converted to points for
 * the caller; a line that fits here fits on the page to the last unit.
 */
#include "render/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "render/linebreak.h"

#define REPLACEMENT 0xFFFDu

void kp_lines_free(kp_lines *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int put_cp(kp_buf *out, uint32_t cp)
{
    uint8_t tmp[6];
    int n = u8_uctomb(tmp, cp, (int)sizeof tmp);
    if (n <= 0)
        n = u8_uctomb(tmp, REPLACEMENT, (int)sizeof tmp);
    return kp_buf_append(out, tmp, (size_t)n);
}

/* Characters with no business on a printed page: they are invisible, or
 * steer bidirectional text, or are control codes. */
static int invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x00AD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

int kp_text_clean(const char *utf8, size_t len, kp_buf *out, kp_err *e)
{
    const uint8_t *s = (const uint8_t *)utf8, *end = s + len;
    while (s < end) {
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s, (size_t)(end - s));
        if (n <= 0)
            n = 1;
        int r = 0;
        if (cp == '\r') {
            if (s + 1 < end && s[1] == '\n')
                n = 2;
            r = kp_buf_putc(out, '\n');
        } else if (cp == '\n') {
            r = kp_buf_putc(out, '\n');
        } else if (cp == '\t') {
            r = kp_buf_putc(out, ' ');
        } else if (!invisible(cp)) {
            /* u8_mbtouc reports an invalid sequence as U+FFFD */
            r = cp == REPLACEMENT ? put_cp(out, REPLACEMENT) : kp_buf_append(out, s, (size_t)n);
        }
        if (r < 0)
            return kp_fail(e, "out of memory preparing text (%zu bytes)", len);
        s += n;
    }
    return 0;
}

int kp_text_fit(kp_font *f, const char *utf8, size_t len, kp_buf *out, kp_codeset *missing,
                kp_err *e)
{
    const uint8_t *s = (const uint8_t *)utf8, *end = s + len;
    while (s < end) {
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s, (size_t)(end - s));
        if (n <= 0)
            n = 1;
        int drawable = cp == '\n' || kp_font_advance(f, cp) > 0 || kp_font_has_glyph(f, cp);
        int r;
        if (drawable) {
            r = kp_buf_append(out, s, (size_t)n);
        } else {
            if (missing)
                kp_codeset_add(missing, cp);
            r = put_cp(out, REPLACEMENT);
        }
        if (r < 0)
            return kp_fail(e, "out of memory preparing text (%zu bytes)", len);
        s += n;
    }
    return 0;
}

int kp_text_prepare(kp_font *f, const char *utf8, kp_buf *out, kp_codeset *missing, kp_err *e)
{
    kp_buf_clear(out);
    if (kp_text_clean(utf8, strlen(utf8), out, e) < 0)
        return -1;
    size_t cleaned = out->len;
    /* Fitting reads the cleaned text while appending after it: room for the
     * worst case (every character replaced by 3 bytes) keeps it in place. */
    if (cleaned > SIZE_MAX / 4 || kp_buf_reserve(out, 3 * cleaned) < 0)
        return kp_fail(e, "out of memory preparing text (%zu bytes)", cleaned);
    if (kp_text_fit(f, out->data, cleaned, out, missing, e) < 0)
        return -1;
    memmove(out->data, out->data + cleaned, out->len - cleaned);
    out->len -= cleaned;
    out->data[out->len] = '\0';
    return 0;
}

static long units_for(double width, double size)
{
    if (size <= 0)
        return 0;
    double u = width * 1000.0 / size + 1e-6;
    return u < 0 ? 0 : u > 1e15 ? (long)1e15 : (long)u;
}

static int push_line(kp_lines *out, size_t start, size_t end, long units, double size)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 8;
        kp_line *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = (kp_line){start, end - start, (double)units * size / 1000.0};
    return 0;
}

int kp_text_wrap(kp_font *f, const char *utf8, size_t len, double size, double first_width,
                 double width, kp_lines *out, kp_err *e)
{
    const uint8_t *s = (const uint8_t *)utf8;
    out->n = 0;
    char *brk = malloc(len + 1);
    if (!brk)
        return kp_fail(e, "out of memory wrapping text (%zu bytes)", len);
    kp_linebreaks(utf8, len, brk);

    long limit = units_for(first_width, size);
    size_t start = 0;      /* first byte of the line being filled              */
    long run = 0;          /* its width so far, trailing spaces included       */
    long ink = 0;          /* its width without trailing spaces                */
    size_t ink_end = 0;    /* byte after its last character that is not space  */
    size_t cand = 0;       /* last place the line may end (0: none yet)        */
    long cand_ink = 0;
    size_t cand_end = 0;
    size_t i = 0;
    int ended_by_newline = 0;

#define END_LINE(at_end, at_units, next)                                  \
    do {                                                                  \
        if (push_line(out, start, (at_end), (at_units), size) < 0)        \
            goto oom;                                                     \
        start = i = (next);                                               \
        run = ink = 0;                                                    \
        ink_end = start;                                                  \
        cand = 0;                                                         \
        limit = units_for(width, size);                                   \
    } while (0)

    while (i < len) {
        if (i > start && brk[i] == KP_BREAK_MUST) {
            END_LINE(ink_end, ink, i);
            continue;
        }
        if (i > start && brk[i] == KP_BREAK_ALLOWED) {
            cand = i;
            cand_ink = ink;
            cand_end = ink_end;
        }
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s + i, len - i);
        if (n <= 0)
            n = 1;
        if (cp == '\n') {
            i += (size_t)n;
            continue;
        }
        long adv = kp_font_advance(f, cp);
        if (cp == ' ') { /* spaces hang past the margin rather than wrap */
            run += adv;
            i += (size_t)n;
            continue;
        }
        if (run + adv > limit && i > start) {
            if (cand > start)
                END_LINE(cand_end, cand_ink, cand);
            else /* one word wider than the line: break it between characters */
                END_LINE(ink_end, ink, i);
            continue;
        }
        run += adv;
        ink = run;
        i += (size_t)n;
        ink_end = i;
    }
    ended_by_newline = len > 0 && s[len - 1] == '\n';
    if (!(ended_by_newline && start == len && out->n > 0))
        if (push_line(out, start, ink_end, ink, size) < 0)
            goto oom;
#undef END_LINE
    free(brk);
    return 0;
oom:
    free(brk);
    return kp_fail(e, "out of memory wrapping text (%zu bytes)", len);
}

int kp_text_extent(kp_font *f, const char *utf8, size_t len, double size, double *min_width,
                   double *max_width, kp_err *e)
{
    const uint8_t *s = (const uint8_t *)utf8;
    char *brk = malloc(len + 1);
    if (!brk)
        return kp_fail(e, "out of memory measuring text (%zu bytes)", len);
    kp_linebreaks(utf8, len, brk);
    long piece = 0, piece_ink = 0, line = 0, line_ink = 0, widest_piece = 0, widest_line = 0;
    size_t i = 0;
    while (i < len) {
        if (i > 0 && brk[i] != KP_BREAK_NO) {
            piece = piece_ink = 0;
            if (brk[i] == KP_BREAK_MUST)
                line = line_ink = 0;
        }
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s + i, len - i);
        if (n <= 0)
            n = 1;
        i += (size_t)n;
        if (cp == '\n')
            continue;
        long adv = kp_font_advance(f, cp);
        piece += adv;
        line += adv;
        if (cp != ' ') {
            piece_ink = piece;
            line_ink = line;
        }
        if (piece_ink > widest_piece)
            widest_piece = piece_ink;
        if (line_ink > widest_line)
            widest_line = line_ink;
    }
    free(brk);
    *min_width = (double)widest_piece * size / 1000.0;
    *max_width = (double)widest_line * size / 1000.0;
    return 0;
}
