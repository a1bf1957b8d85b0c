/*
 * chart_text.c — labels that fit: measuring, cutting with an ellipsis,
 * wrapping Chinese labels between characters, and choosing one size for a
 * set of labels.
 *
 * Widths come from the canvas (the report font's advances), so a label cut
 * here fits in every backend.  A width is additive glyph by glyph (no
 * kerning in CJK text), which lets a label be measured once per character.
 */
#include "chart/chart_parts.h"

#include <string.h>

#include <unistr.h>

#define ELLIPSIS "\xE2\x80\xA6"   /* … */

double kp_chart_text_width(kp_canvas *cv, const char *s, double size, int bold)
{
    if (!s || !*s)
        return 0;
    return cv->ops->text_width(cv, s, size, bold);
}

void kp_chart_text(kp_canvas *cv, double x, double y, const char *s, double size, int bold,
                   enum kp_text_align align)
{
    if (s && *s && size > 0)
        cv->ops->text(cv, x, y, s, size, bold, align);
}

/* A text split into characters: byte offsets and widths. */
struct chars {
    size_t n;
    size_t off[KP_CHART_LABEL_BUF + 1];     /* off[n] is the end */
    double w[KP_CHART_LABEL_BUF];
    ucs4_t cp[KP_CHART_LABEL_BUF];
};

static void split(kp_canvas *cv, const char *s, double size, int bold, struct chars *c)
{
    size_t len = strnlen(s, KP_CHART_MAX_TEXT + 4);
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0;
    c->n = 0;
    while (i < len && c->n < KP_CHART_LABEL_BUF) {
        ucs4_t cp;
        int step = u8_mbtouc(&cp, p + i, len - i);
        if (step <= 0)
            step = 1;
        char one[8];
        memcpy(one, s + i, (size_t)step);
        one[step] = '\0';
        c->off[c->n] = i;
        c->cp[c->n] = cp;
        c->w[c->n] = cv->ops->text_width(cv, one, size, bold);
        c->n++;
        i += (size_t)step;
    }
    c->off[c->n] = i;
}

/* Copy characters [a, b) of `s`, then `tail`, into out. */
static void copy_span(char out[KP_CHART_LABEL_BUF], const char *s, const struct chars *c, size_t a,
                      size_t b, const char *tail)
{
    size_t len = c->off[b] - c->off[a];
    if (len > KP_CHART_MAX_TEXT)
        len = KP_CHART_MAX_TEXT;
    memcpy(out, s + c->off[a], len);
    out[len] = '\0';
    if (tail)
        strcat(out, tail);
}

/* Cut characters [a, n) to `maxw` with an ellipsis; 1 if cut. */
static int fit_from(kp_canvas *cv, const char *s, const struct chars *c, size_t a, double maxw,
                    double size, int bold, char out[KP_CHART_LABEL_BUF])
{
    double total = 0;
    for (size_t i = a; i < c->n; i++)
        total += c->w[i];
    if (total <= maxw + 1e-9) {
        copy_span(out, s, c, a, c->n, NULL);
        return 0;
    }
    double ell = cv->ops->text_width(cv, ELLIPSIS, size, bold);
    double used = 0;
    size_t b = a;
    while (b < c->n && used + c->w[b] + ell <= maxw + 1e-9)
        used += c->w[b++];
    /* Spaces before the ellipsis look like a gap, not a cut. */
    while (b > a && c->cp[b - 1] == ' ')
        b--;
    if (ell > maxw + 1e-9) {
        out[0] = '\0';
        return 1;
    }
    copy_span(out, s, c, a, b, ELLIPSIS);
    return 1;
}

int kp_chart_fit(kp_canvas *cv, const char *s, double maxw, double size, int bold,
                 char out[KP_CHART_LABEL_BUF])
{
    out[0] = '\0';
    if (!s || !*s)
        return 0;
    struct chars c;
    split(cv, s, size, bold, &c);
    return fit_from(cv, s, &c, 0, maxw, size, bold, out);
}

/* Characters that a Chinese line may not start with ... */
static int no_line_start(ucs4_t cp)
{
    static const ucs4_t closing[] = { 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                      0xFF09, 0x300D, 0x300F, 0x300B, 0x3011, 0x201D, 0x2019,
                                      ',', '.', ')', ':', ';', '%', 0x2026 };
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i])
            return 1;
    return 0;
}

/* ... and may not end with. */
static int no_line_end(ucs4_t cp)
{
    static const ucs4_t opening[] = { 0xFF08, 0x300C, 0x300E, 0x300A, 0x3010, 0x201C, 0x2018,
                                      '(' };
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
        if (cp == opening[i])
            return 1;
    return 0;
}

static int is_word_char(ucs4_t cp)
{
    return cp < 0x80 && cp != ' ' && !no_line_start(cp) && !no_line_end(cp);
}

/* Where the line starting at character a ends (exclusive) when it may be
 * `maxw` wide; a when not even one character fits. */
static size_t line_end(const struct chars *c, size_t a, double maxw)
{
    double used = 0;
    size_t b = a;
    while (b < c->n && used + c->w[b] <= maxw + 1e-9)
        used += c->w[b++];
    if (b == c->n || b == a)
        return b;
    /* Do not split a Latin word or a figure: it moves to the next line
     * whole, unless it starts the line. */
    if (is_word_char(c->cp[b]) && is_word_char(c->cp[b - 1])) {
        size_t k = b - 1;
        while (k > a && is_word_char(c->cp[k - 1]))
            k--;
        if (k > a)
            b = k;
    }
    /* Closing punctuation stays with the character before it, opening
     * punctuation with the one after. */
    if (no_line_start(c->cp[b]) && b - 1 > a)
        b--;
    if (no_line_end(c->cp[b - 1]) && b - 1 > a)
        b--;
    return b;
}

/* Greedy lines of the split text.  Without `lines` it counts, and a text
 * that cannot be shown whole in `max_lines` counts as 99. */
static int wrap_split(kp_canvas *cv, const char *s, const struct chars *c, double maxw,
                      double size, int bold, int max_lines, char lines[][KP_CHART_LABEL_BUF])
{
    int n = 0;
    size_t a = 0;
    while (a < c->n) {
        if (n == max_lines - 1 || n == 98) {
            /* The last line allowed takes the rest, cut if need be. */
            char scratch[KP_CHART_LABEL_BUF];
            int cut = fit_from(cv, s, c, a, maxw, size, bold, lines ? lines[n] : scratch);
            return !lines && cut ? 99 : n + 1;
        }
        size_t b = line_end(c, a, maxw);
        if (b == a) {
            if (lines)
                fit_from(cv, s, c, a, maxw, size, bold, lines[n]);
            return lines ? n + 1 : 99;
        }
        size_t e = b;
        while (e > a && c->cp[e - 1] == ' ')
            e--;
        if (lines)
            copy_span(lines[n], s, c, a, e, NULL);
        n++;
        a = b;
        while (a < c->n && c->cp[a] == ' ')
            a++;
    }
    return n;
}

int kp_chart_wrap(kp_canvas *cv, const char *s, double maxw, double size, int bold,
                  int max_lines, char lines[][KP_CHART_LABEL_BUF])
{
    if (!s || !*s || max_lines <= 0)
        return 0;
    struct chars c;
    split(cv, s, size, bold, &c);
    int need = wrap_split(cv, s, &c, maxw, size, bold, 99, NULL);
    if (need > 1 && need <= max_lines) {
        /* Even lines rather than full ones and a stub: the narrowest width
         * that needs no more lines than maxw does. */
        double total = 0;
        for (size_t i = 0; i < c.n; i++)
            total += c.w[i];
        double lo = total / need, hi = maxw;
        for (int k = 0; k < 16 && hi - lo > 0.1; k++) {
            double mid = (lo + hi) / 2;
            if (wrap_split(cv, s, &c, mid, size, bold, 99, NULL) <= need)
                hi = mid;
            else
                lo = mid;
        }
        maxw = hi;
    }
    return wrap_split(cv, s, &c, maxw, size, bold, max_lines, lines);
}

int kp_chart_lines_needed(kp_canvas *cv, const char *s, double maxw, double size, int bold)
{
    if (!s || !*s)
        return 0;
    struct chars c;
    split(cv, s, size, bold, &c);
    return wrap_split(cv, s, &c, maxw, size, bold, 99, NULL);
}

double kp_chart_pick_size(kp_canvas *cv, const char *const *texts, size_t n, double maxw,
                          int max_lines, double max_size, double min_size)
{
    for (double size = max_size; size >= min_size - 1e-9; size -= 0.5) {
        size_t i = 0;
        while (i < n && kp_chart_lines_needed(cv, texts[i], maxw, size, 0) <= max_lines)
            i++;
        if (i == n)
            return size;
    }
    return min_size;
}

struct kp_chart_rgb kp_chart_ink_on(struct kp_chart_rgb fill)
{
    struct kp_chart_rgb white = { 1, 1, 1 };
    return kp_chart_lightness(fill) < 0.55 ? white : kp_chart_ink;
}

void kp_chart_text_on(kp_canvas *cv, double x, double y, const char *s, double size, int bold,
                      enum kp_text_align align, struct kp_chart_rgb bg, struct kp_chart_rgb ink)
{
    if (!s || !*s)
        return;
    double w = kp_chart_text_width(cv, s, size, bold);
    double left = align == KP_ALIGN_CENTER ? x - w / 2 : align == KP_ALIGN_RIGHT ? x - w : x;
    kp_chart_color(cv, bg);
    /* Just the glyphs' height, so that patches of neighbouring rows of
     * small labels do not cut into each other. */
    cv->ops->rect(cv, left - size * 0.15, y - size * 0.9, w + size * 0.3, size * 1.02);
    cv->ops->fill(cv);
    kp_chart_color(cv, ink);
    kp_chart_text(cv, x, y, s, size, bold, align);
}

void kp_chart_text_block(kp_canvas *cv, double x, double cy, const char *s, double maxw,
                         double size, int bold, int max_lines, enum kp_text_align align)
{
    char lines[4][KP_CHART_LABEL_BUF];
    if (max_lines > 4)
        max_lines = 4;
    int n = kp_chart_wrap(cv, s, maxw, size, bold, max_lines, lines);
    double lead = size * KP_CHART_LEADING;
    for (int i = 0; i < n; i++) {
        double mid = cy - (n - 1) * lead / 2 + i * lead;
        kp_chart_text(cv, x, mid + size * KP_CHART_MIDLINE, lines[i], size, bold, align);
    }
}
