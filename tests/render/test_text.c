/* test_text.c — cleaning, fitting and wrapping text at a width. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/text.h"

static kp_font *font;

/* Wrap `s` at `em` ems of 10 pt and join the lines with '|'. */
static const char *wrap(const char *s, double em)
{
    static char out[4096];
    kp_lines lines = {0};
    kp_err e;
    out[0] = 0;
    if (kp_text_wrap(font, s, strlen(s), 10, em * 10, em * 10, &lines, &e) < 0) {
        snprintf(out, sizeof out, "error: %s", e.msg);
        return out;
    }
    size_t o = 0;
    for (size_t i = 0; i < lines.n; i++) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", i ? "|" : "",
                              (int)lines.v[i].len, s + lines.v[i].start);
        /* Every line fits and is measured as the PDF will measure it. */
        CHECK(lines.v[i].width <= em * 10 + 1e-9 || lines.v[i].len <= 4);
        CHECK_NUM_EQ(lines.v[i].width,
                     kp_font_text_width(font, s + lines.v[i].start, lines.v[i].len, 10), 1e-9);
    }
    kp_lines_free(&lines);
    return out;
}

static const char *clean(const char *s, size_t len)
{
    static char out[4096];
    kp_buf b;
    kp_err e;
    kp_buf_init(&b, 0);
    if (kp_text_clean(s, len, &b, &e) < 0)
        snprintf(out, sizeof out, "error: %s", e.msg);
    else
        snprintf(out, sizeof out, "%s", b.data);
    kp_buf_free(&b);
    return out;
}

int main(void)
{
    kp_err e;
    if (kp_font_open(&font, NULL, 0, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }

    /* Hanzi fill the line, one em each. */
    CHECK_STR_EQ(wrap("一二三四五六七八九十", 4), "一二三四|五六七八|九十");
    /* A comma may not begin a line: the character before it comes along. */
    CHECK_STR_EQ(wrap("一二三四，五六七", 4), "一二三|四，五六|七");
    CHECK_STR_EQ(wrap("一二三四。", 4), "一二三|四。");
    /* An opening bracket may not end a line. */
    CHECK_STR_EQ(wrap("一二三（四）五", 4), "一二三|（四）五");
    CHECK_STR_EQ(wrap("一二三《四》", 4), "一二三|《四》");
    /* A year stays whole with its 年; a percentage stays whole. */
    CHECK_STR_EQ(wrap("截至2023年底", 5), "截至|2023年底");
    CHECK_STR_EQ(wrap("达到85.5%以上", 4), "达到|85.5%以|上");
    /* Latin words wrap at spaces, never inside, spaces dropped at the break. */
    CHECK_STR_EQ(wrap("kaoping renders reports", 5), "kaoping|renders|reports");
    CHECK_STR_EQ(wrap("使用WenQuanYi字体排版", 7), "使用|WenQuanYi字|体排版");
    /* A word wider than the line is broken by force, nothing lost or clipped. */
    const char *url = "https://example.org/kaoping/reports/2023/county";
    const char *w = wrap(url, 5);
    CHECK(strchr(w, '|') != NULL);
    char joined[256];
    size_t j = 0;
    for (const char *p = w; *p; p++)
        if (*p != '|')
            joined[j++] = *p;
    joined[j] = 0;
    CHECK_STR_EQ(joined, url);
    /* ... and a line of hanzi narrower than one hanzi still shows each one. */
    CHECK_STR_EQ(wrap("一二三", 0.5), "一|二|三");
    /* Newlines end lines; a final newline does not add an empty line. */
    CHECK_STR_EQ(wrap("一二\n三\n", 10), "一二|三");
    CHECK_STR_EQ(wrap("一\n\n二", 10), "一||二");
    CHECK_STR_EQ(wrap("", 10), "");

    /* The first line can be narrower (a two-em indent). */
    kp_lines lines = {0};
    const char *para = "一二三四五六七八";
    CHECK_INT_EQ(kp_text_wrap(font, para, strlen(para), 10, 20, 40, &lines, &e), 0);
    CHECK_INT_EQ(lines.n, 3);
    if (lines.n == 3) {
        CHECK_INT_EQ(lines.v[0].len, 6);  /* 二 hanzi */
        CHECK_INT_EQ(lines.v[1].len, 12); /* 四 */
    }
    kp_lines_free(&lines);

    /* Extent: the widest unbreakable piece and the whole line. */
    double lo, hi;
    const char *mixed = "总分 2023年 kaoping";
    CHECK_INT_EQ(kp_text_extent(font, mixed, strlen(mixed), 10, &lo, &hi, &e), 0);
    CHECK_NUM_EQ(lo, kp_font_text_width(font, "kaoping", 7, 10), 1e-9);
    CHECK_NUM_EQ(hi, kp_font_text_width(font, mixed, strlen(mixed), 10), 1e-9);

    /* Cleaning: broken bytes shown as U+FFFD, line ends unified, invisible
     * characters and control codes gone. */
    CHECK_STR_EQ(clean("a\xff" "b", 3), "a\xEF\xBF\xBD" "b");
    CHECK_STR_EQ(clean("\xE4\xB8", 2), "\xEF\xBF\xBD");
    CHECK_STR_EQ(clean("一\r\n二\r三", 12), "一\n二\n三");
    CHECK_STR_EQ(clean("a\tb\x01" "c\xE2\x80\x8B" "d", 9), "a bcd");
    CHECK_STR_EQ(clean("计生协", 9), "计生协");

    /* Fitting: what the font cannot draw becomes U+FFFD, and is reported. */
    kp_codeset missing;
    kp_buf b;
    kp_buf_init(&b, 0);
    CHECK_INT_EQ(kp_codeset_init(&missing, &e), 0);
    const char *rare = "甲\xF0\xA0\x80\x80乙"; /* U+20000 between two hanzi */
    CHECK_INT_EQ(kp_text_fit(font, rare, strlen(rare), &b, &missing, &e), 0);
    CHECK_STR_EQ(b.data, "甲\xEF\xBF\xBD乙");
    CHECK_INT_EQ(missing.count, 1);
    CHECK(kp_codeset_has(&missing, 0x20000));
    CHECK_INT_EQ(kp_codeset_next(&missing, 0), 0x20000);
    CHECK_INT_EQ(kp_codeset_next(&missing, 0x20001), KP_CODESET_END);
    kp_codeset_free(&missing);
    kp_buf_free(&b);

    kp_font_close(font);
    return check_status();
}
