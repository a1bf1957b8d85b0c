/* test_font.c — the report font: opening, refusing unusable fonts, widths. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/font.h"

int main(void)
{
    kp_err e = {{0}};
    kp_font *f = NULL;

    /* A missing file is named in the message. */
    CHECK_INT_EQ(kp_font_open(&f, "/nonexistent/font.ttc", 0, &e), -1);
    CHECK(f == NULL);
    CHECK_STR_CONTAINS(e.msg, "/nonexistent/font.ttc");

    /* A font without hanzi would draw every Chinese character as a box. */
    if (kp_font_open(&f, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, &e) == 0) {
        CHECK(!"DejaVuSans accepted");
        kp_font_close(f);
    } else {
        CHECK_STR_CONTAINS(e.msg, "no Chinese characters");
    }

    /* A face number past the end of the collection. */
    CHECK_INT_EQ(kp_font_open(&f, NULL, 7, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "no face number 7");

    unsetenv("KAOPING_FONT");
    CHECK_INT_EQ(kp_font_open(&f, NULL, 0, &e), 0);
    if (!f)
        return check_status();
    CHECK(strstr(kp_font_path(f), "wqy") != NULL);
    CHECK_INT_EQ(kp_font_index(f), 0);
    CHECK(kp_font_face(f) != NULL);

    /* Hanzi are one em wide; Latin letters narrower, and not all alike. */
    int zhong = kp_font_advance(f, 0x4E2D);
    CHECK(zhong >= 900 && zhong <= 1100);
    CHECK(kp_font_advance(f, 'i') < kp_font_advance(f, 'W'));
    CHECK(kp_font_advance(f, '0') > 0 && kp_font_advance(f, '0') < zhong);
    CHECK(kp_font_has_glyph(f, 0x9451));      /* 鑫 */
    CHECK(!kp_font_has_glyph(f, 0xE000));     /* private use */
    CHECK_INT_EQ(kp_font_advance(f, 0xE000), 0);

    /* Widths add up glyph by glyph and scale with the size. */
    const char *s = "2023年完成85.5%";
    double w10 = kp_font_text_width(f, s, strlen(s), 10);
    long units = 0;
    const uint32_t cps[] = {'2', '0', '2', '3', 0x5E74, 0x5B8C, 0x6210, '8', '5', '.', '5', '%'};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
        units += kp_font_advance(f, cps[i]);
    CHECK_NUM_EQ(w10, units * 10 / 1000.0, 1e-9);
    CHECK_NUM_EQ(kp_font_text_width(f, s, strlen(s), 20), 2 * w10, 1e-9);
    /* Only `len` bytes count. */
    CHECK_NUM_EQ(kp_font_text_width(f, "中中", 3, 10), zhong * 10 / 1000.0, 1e-9);
    /* A broken byte is measured as U+FFFD, not skipped and not a crash. */
    CHECK(kp_font_text_width(f, "\xff", 1, 10) == kp_font_advance(f, 0xFFFD) * 10 / 1000.0);

    CHECK(kp_font_ascent(f, 10) > 5 && kp_font_ascent(f, 10) < 12);
    CHECK(kp_font_descent(f, 10) > 0 && kp_font_descent(f, 10) < 5);

    /* KAOPING_FONT picks the font when no path is given. */
    kp_font_close(f);
    setenv("KAOPING_FONT", "/nonexistent/env.ttf", 1);
    CHECK_INT_EQ(kp_font_open(&f, NULL, 0, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "/nonexistent/env.ttf");
    unsetenv("KAOPING_FONT");
    return check_status();
}
