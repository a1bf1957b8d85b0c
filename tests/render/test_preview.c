/* test_preview.c — a laid-out page painted onto the cairo canvas (the PNG
 * preview) shows what the PDF page shows: ink on the same lines, nowhere else. */
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/canvas_cairo.h"
#include "render/paint.h"
#include "pdf/pdf.h"
#include "tools.h"

#define SCALE 2.0 /* pixels per point */

/* Rows of the image (in points) with dark pixels. */
static void ink_rows(cairo_surface_t *img, double scale, unsigned char *rows, int nrows)
{
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    memset(rows, 0, (size_t)nrows);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const unsigned char *p = px + y * stride + x * 4;
            if (p[0] < 100 && p[1] < 100 && p[2] < 100) {
                int row = (int)(y / scale);
                if (row < nrows)
                    rows[row] = 1;
                break;
            }
        }
}

int main(void)
{
    kp_err e;
    kp_font *font;
    kp_subsetter *ss;
    kp_doc *d;
    kp_layout *l;
    struct kp_doc_table *t;
    if (kp_font_open(&font, NULL, 0, &e) < 0 || kp_subsetter_open(&ss, font, &e) < 0 ||
        kp_doc_new(&d, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    kp_doc_set_info(d, KP_INFO_UNIT, "XX县计划生育协会", &e);
    kp_doc_heading(d, 1, "总体情况", &e);
    kp_doc_paragraph(d, "全县计生协围绕优生优育、家庭健康主题开展工作，完成率达到85.5%，"
                        "较上年提高3.2个百分点，各项指标均达到年度目标。", 0, &e);
    kp_doc_table(d, 2, &t, &e);
    kp_table_column(t, 0, "指标", KP_COL_SHARE, 1, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 1, "完成", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, &e);
    const char *row[] = {"会员之家覆盖率", "93.5%"};
    kp_table_row(t, row, 2, 0, &e);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (!l)
        return check_status();

    /* The page painted onto the preview canvas. */
    const kp_page *pg = &l->pages[0];
    kp_canvas *cv;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, pg->width, pg->height, SCALE, &e), 0);
    CHECK_INT_EQ(kp_paint_page(l, 0, cv, &e), 0);
    const char *dir = scratch_dir("preview");
    char png[600], pdf[600], pdfpng[600];
    snprintf(png, sizeof png, "%s/page.png", dir);
    snprintf(pdf, sizeof pdf, "%s/page.pdf", dir);
    snprintf(pdfpng, sizeof pdfpng, "%s/pdfpage", dir);
    CHECK_INT_EQ(kp_canvas_cairo_save(cv, png, &e), 0);
    kp_canvas_cairo_free(cv);

    /* The same page through the PDF, rasterised by poppler. */
    CHECK_INT_EQ(kp_pdf_write(d, l, font, ss, NULL, pdf, &e), 0);
    char *ok = run_output("pdftocairo -png -r %d -singlefile '%s' '%s' && echo ok", (int)(72 * SCALE),
                          pdf, pdfpng);
    CHECK(ok && strstr(ok, "ok"));
    free(ok);
    strcat(pdfpng, ".png");

    cairo_surface_t *a = cairo_image_surface_create_from_png(png);
    cairo_surface_t *b = cairo_image_surface_create_from_png(pdfpng);
    CHECK_INT_EQ(cairo_surface_status(a), CAIRO_STATUS_SUCCESS);
    CHECK_INT_EQ(cairo_surface_status(b), CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(a) == CAIRO_STATUS_SUCCESS &&
        cairo_surface_status(b) == CAIRO_STATUS_SUCCESS) {
        int n = (int)pg->height + 1;
        unsigned char *ra = calloc((size_t)n, 1), *rb = calloc((size_t)n, 1);
        ink_rows(a, SCALE, ra, n);
        ink_rows(b, SCALE, rb, n);
        /* Every text line has ink in both pictures, at the same height. */
        int lines = 0, missing = 0;
        for (size_t i = pg->first; i < pg->first + pg->count; i++) {
            const kp_item *it = &l->items[i];
            if (it->kind != KP_ITEM_TEXT || !*kp_layout_text(l, it->text))
                continue;
            lines++;
            int y = (int)(it->y - it->size * 0.4);
            if (y < 0 || y >= n || !ra[y] || !rb[y]) {
                fprintf(stderr, "no ink at y=%d for '%s'\n", y, kp_layout_text(l, it->text));
                missing++;
            }
        }
        CHECK(lines >= 6);
        CHECK_INT_EQ(missing, 0);
        /* And the pictures agree on which rows are blank (a point of slack
         * for anti-aliasing at the edges of glyphs and rules). */
        int disagree = 0;
        for (int y = 1; y + 1 < n; y++)
            if (ra[y] != rb[y] && ra[y] != rb[y - 1] && ra[y] != rb[y + 1])
                disagree++;
        CHECK(disagree <= 4);
        if (disagree > 4)
            fprintf(stderr, "%d rows differ between the preview and the PDF\n", disagree);
        free(ra);
        free(rb);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    if (check_failures == 0) {
        remove(png);
        remove(pdf);
        remove(pdfpng);
        rmdir(dir);
    }
    kp_layout_free(l);
    kp_doc_free(d);
    kp_subsetter_close(ss);
    kp_font_close(font);
    return check_status();
}
