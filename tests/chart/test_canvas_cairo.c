/*
 * test_canvas_cairo.c — the cairo canvas: pictures of the asked size on
 * white, Chinese text drawn in the report font (not boxes) at the widths the
 * PDF uses, bold that is bold and regular that stays regular, SVG that
 * carries its text, atomic saving, and drawing failures reported.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "render/canvas_cairo.h"
#include "samples.h"

static kp_font *font;

struct box {
    int x0, y0, x1, y1;      /* bounding box of the ink; x1 < x0 when none */
    long ink;
};

static struct box ink_box(cairo_surface_t *img)
{
    struct box b = { 1 << 30, 1 << 30, -1, -1, 0 };
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (count_dark(img, x, y, x + 1, y + 1)) {
                b.ink++;
                b.x0 = x < b.x0 ? x : b.x0;
                b.y0 = y < b.y0 ? y : b.y0;
                b.x1 = x > b.x1 ? x : b.x1;
                b.y1 = y > b.y1 ? y : b.y1;
            }
    return b;
}

/* Draw one text on a fresh image canvas and return its PNG read back. */
static cairo_surface_t *text_picture(const char *text, double size, int bold,
                                     enum kp_text_align align, double x, const char *dir)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 200, 100, 1, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    cv->ops->set_rgb(cv, 0, 0, 0);
    cv->ops->text(cv, x, 70, text, size, bold, align);
    char path[512];
    snprintf(path, sizeof path, "%s/text.png", dir);
    int rc = kp_canvas_cairo_save(cv, path, &e);
    kp_canvas_cairo_free(cv);
    if (rc) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    return cairo_image_surface_create_from_png(path);
}

static void test_sizes(void)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    int w, h;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 200, 100, 1, &e), 0);
    kp_canvas_cairo_size(cv, &w, &h);
    CHECK_INT_EQ(w, 200);
    CHECK_INT_EQ(h, 100);
    kp_canvas_cairo_free(cv);
    /* High-DPI: twice the pixels; a fraction of a pixel rounds up. */
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 200, 100, 2, &e), 0);
    kp_canvas_cairo_size(cv, &w, &h);
    CHECK_INT_EQ(w, 400);
    CHECK_INT_EQ(h, 200);
    kp_canvas_cairo_free(cv);
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 101, 33.3, 1.5, &e), 0);
    kp_canvas_cairo_size(cv, &w, &h);
    CHECK_INT_EQ(w, 152);
    CHECK_INT_EQ(h, 50);
    kp_canvas_cairo_free(cv);

    /* Sizes that cannot make a picture are refused with the reason. */
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 0, 100, 1, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "must be positive");
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, NAN, 100, 1, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "must be positive");
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 100, 100, -2, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "scale");
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 20000, 20000, 1, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "too large");
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, NULL, 100, 100, 1, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "font");
}

static void test_text(const char *dir)
{
    /* A blank canvas is white all over. */
    cairo_surface_t *img = text_picture("", 12, 0, KP_ALIGN_LEFT, 10, dir);
    CHECK(img != NULL);
    if (img) {
        CHECK_INT_EQ(count_non_white(img, 0, 0, 200, 100), 0);
        cairo_surface_destroy(img);
    }

    /* 一 is one horizontal stroke: wide and flat.  A missing-glyph box, or
     * a fallback font's box, would be about as tall as it is wide. */
    img = text_picture("一", 60, 0, KP_ALIGN_LEFT, 20, dir);
    CHECK(img != NULL);
    if (img) {
        struct box b = ink_box(img);
        CHECK(b.x1 > b.x0);
        CHECK((b.x1 - b.x0 + 1) > 5 * (b.y1 - b.y0 + 1));
        CHECK((b.x1 - b.x0 + 1) > 40);
        cairo_surface_destroy(img);
    }
    /* 丨 is one vertical stroke: tall and thin. */
    img = text_picture("丨", 60, 0, KP_ALIGN_LEFT, 20, dir);
    CHECK(img != NULL);
    if (img) {
        struct box b = ink_box(img);
        CHECK((b.y1 - b.y0 + 1) > 5 * (b.x1 - b.x0 + 1));
        cairo_surface_destroy(img);
    }

    /* Widths are the report font's, as the PDF measures them. */
    kp_err e = {{0}};
    kp_canvas *cv;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 100, 100, 1, &e), 0);
    const char *s = "2023年考评得分85.5%";
    CHECK_NUM_EQ(cv->ops->text_width(cv, s, 12, 0), kp_font_text_width(font, s, strlen(s), 12),
                 1e-9);
    CHECK_NUM_EQ(cv->ops->text_width(cv, s, 12, 1), cv->ops->text_width(cv, s, 12, 0), 1e-9);
    double w = cv->ops->text_width(cv, "国国国", 20, 0);
    CHECK_NUM_EQ(w, 3 * cv->ops->text_width(cv, "国", 20, 0), 1e-9);
    kp_canvas_cairo_free(cv);

    /* Alignment: right-aligned text ends at x, centred text is centred on it. */
    img = text_picture("国国国", 20, 0, KP_ALIGN_RIGHT, 180, dir);
    CHECK(img != NULL);
    if (img) {
        struct box b = ink_box(img);
        CHECK(b.x1 <= 180 && b.x1 >= 176);
        CHECK(b.x0 >= 180 - w - 1 && b.x0 <= 180 - w + 4);
        cairo_surface_destroy(img);
    }
    img = text_picture("国", 40, 0, KP_ALIGN_CENTER, 100, dir);
    CHECK(img != NULL);
    if (img) {
        struct box b = ink_box(img);
        CHECK(abs((b.x0 + b.x1) / 2 - 100) <= 2);
        cairo_surface_destroy(img);
    }

    /* Bold is heavier; and regular stays regular after bold was used. */
    long regular = 0, bold = 0, again = 0;
    img = text_picture("国家统计", 24, 0, KP_ALIGN_LEFT, 10, dir);
    if (img) {
        regular = ink_box(img).ink;
        cairo_surface_destroy(img);
    }
    img = text_picture("国家统计", 24, 1, KP_ALIGN_LEFT, 10, dir);
    if (img) {
        bold = ink_box(img).ink;
        cairo_surface_destroy(img);
    }
    img = text_picture("国家统计", 24, 0, KP_ALIGN_LEFT, 10, dir);
    if (img) {
        again = ink_box(img).ink;
        cairo_surface_destroy(img);
    }
    CHECK(regular > 0);
    CHECK(bold > regular * 115 / 100);
    CHECK_INT_EQ(again, regular);
}

static void test_svg(void)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, 300, 120, 1, &e), 0);
    int w, h;
    kp_canvas_cairo_size(cv, &w, &h);
    CHECK_INT_EQ(w, 300);
    CHECK_INT_EQ(h, 120);
    cv->ops->set_rgb(cv, 0.2, 0.4, 0.6);
    cv->ops->rect(cv, 10, 10, 50, 50);
    cv->ops->fill(cv);
    cv->ops->set_rgb(cv, 0, 0, 0);
    cv->ops->text(cv, 150, 40, "考评<总分>&\"排名\"", 14, 1, KP_ALIGN_CENTER);
    kp_buf out;
    kp_buf_init(&out, 0);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &out, &e), 0);
    CHECK(out.data && strncmp(out.data, "<?xml", 5) == 0);
    CHECK_STR_CONTAINS(out.data, "width=\"300pt\" height=\"120pt\"");
    /* The text is there as text, escaped, at the width the PDF gives it. */
    CHECK_STR_CONTAINS(out.data, ">考评&lt;总分&gt;&amp;\"排名\"</text>");
    char width[64];
    snprintf(width, sizeof width, "textLength=\"%.2f\"",
             cv->ops->text_width(cv, "考评<总分>&\"排名\"", 14, 1));
    CHECK_STR_CONTAINS(out.data, width);
    CHECK_STR_CONTAINS(out.data, "font-weight=\"bold\"");
    size_t len = out.len;
    CHECK(len > 7 && strcmp(out.data + len - 7, "</svg>\n") == 0);
    /* Encoding again gives the same document. */
    kp_buf again;
    kp_buf_init(&again, 0);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &again, &e), 0);
    CHECK(again.len == out.len && memcmp(again.data, out.data, out.len) == 0);
    kp_buf_free(&again);
    kp_buf_free(&out);
    kp_canvas_cairo_free(cv);
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *de; (de = readdir(d));)
        n += de->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_save(const char *dir)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    char sub[512], path[600];
    snprintf(sub, sizeof sub, "%s/save", dir);
    CHECK(mkdir(sub, 0755) == 0);
    snprintf(path, sizeof path, "%s/chart.png", sub);

    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 120, 80, 1, &e), 0);
    cv->ops->set_rgb(cv, 1, 0, 0);
    cv->ops->rect(cv, 0, 0, 60, 80);
    cv->ops->fill(cv);
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, path, &e), 0);
    /* Saved twice over the same name: still one file, no temporaries left. */
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, path, &e), 0);
    CHECK_INT_EQ(count_files(sub), 1);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK_INT_EQ(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        CHECK_INT_EQ(count_near(img, 0, 0, 60, 80, 1, 0, 0, 0.01), 60 * 80);
        CHECK_INT_EQ(count_non_white(img, 60, 0, 120, 80), 0);
    }
    cairo_surface_destroy(img);

    /* A folder that does not exist: the message names the file. */
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, "/nonexistent-kaoping-dir/chart.png", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "/nonexistent-kaoping-dir/chart.png");
    CHECK_STR_CONTAINS(e.msg, "No such file or directory");
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, "", &e), -1);
    kp_canvas_cairo_free(cv);

    /* SVG saved to a file. */
    snprintf(path, sizeof path, "%s/chart.svg", sub);
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, 120, 80, 1, &e), 0);
    cv->ops->text(cv, 10, 40, "江北区", 12, 0, KP_ALIGN_LEFT);
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, path, &e), 0);
    kp_canvas_cairo_free(cv);
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL);
    if (fp) {
        char buf[8192] = "";
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        buf[n] = '\0';
        fclose(fp);
        CHECK_STR_CONTAINS(buf, ">江北区</text>");
    }
    CHECK_INT_EQ(count_files(sub), 2);
}

static void test_failures(void)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    kp_buf out;
    kp_buf_init(&out, 0);

    /* A point that is not a number marks the canvas failed, and saying so
     * is left to whoever encodes it. */
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 100, 100, 1, &e), 0);
    cv->ops->move_to(cv, NAN, 10);
    CHECK(cv->failed);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &out, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "not a number");
    kp_canvas_cairo_free(cv);

    /* A negative radius, likewise. */
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, 100, 100, 1, &e), 0);
    cv->ops->arc(cv, 50, 50, -3, 0, 1);
    CHECK(cv->failed);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &out, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "radius");
    kp_canvas_cairo_free(cv);

    /* Bytes that are not UTF-8 are drawn as replacement characters, not a failure. */
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, 100, 100, 1, &e), 0);
    cv->ops->text(cv, 10, 50, "a\xff\xfe" "b", 12, 0, KP_ALIGN_LEFT);
    CHECK(!cv->failed);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &out, &e), 0);
    CHECK_STR_CONTAINS(out.data, ">a\xEF\xBF\xBD\xEF\xBF\xBD" "b</text>");
    kp_canvas_cairo_free(cv);
    kp_buf_free(&out);
}

int main(void)
{
    kp_err e = {{0}};
    if (kp_font_open(&font, NULL, 0, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    char dir[] = "/tmp/kp-canvas-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    test_sizes();
    test_text(dir);
    test_svg();
    test_save(dir);
    test_failures();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    cairo_debug_reset_static_data();
    kp_font_close(font);
    return check_status();
}
