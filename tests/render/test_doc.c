/* test_doc.c — building documents: what is kept, and what is refused with a
 * message that says why, leaving the document as it was. */
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/doc.h"
#include "tools.h"

int main(void)
{
    kp_err e;
    kp_doc *d;
    struct kp_doc_table *t;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    if (!d)
        return check_status();

    /* Defaults: A4 body text 小四, author 计生协, numbered headings. */
    CHECK_NUM_EQ(d->style.body_size, 12, 1e-9);
    CHECK_STR_EQ(kp_doc_info(d, KP_INFO_AUTHOR), "计生协");
    CHECK_STR_EQ(kp_doc_info(d, KP_INFO_TITLE), "");
    CHECK_INT_EQ(d->style.number_headings, 1);

    /* Text is copied and cleaned: invalid bytes shown as U+FFFD. */
    char mine[32] = "考评\xff报告";
    CHECK_INT_EQ(kp_doc_paragraph(d, mine, 0, &e), 0);
    mine[0] = 'X';
    CHECK_STR_EQ(kp_doc_text(d, d->blocks[0].text), "考评\xEF\xBF\xBD报告");

    size_t blocks = d->nblocks, text = d->text.len;
#define REFUSED(call, words)                                                             \
    do {                                                                                  \
        CHECK_INT_EQ(call, -1);                                                           \
        CHECK_STR_CONTAINS(e.msg, words);                                                 \
        CHECK_INT_EQ(d->nblocks, blocks);                                                 \
        CHECK_INT_EQ(d->text.len, text);                                                  \
    } while (0)

    REFUSED(kp_doc_heading(d, 0, "总体情况", &e), "level 0");
    REFUSED(kp_doc_heading(d, 5, "总体情况", &e), "between 1 and 4");
    REFUSED(kp_doc_heading(d, 1, "", &e), "needs a text");
    REFUSED(kp_doc_paragraph(d, NULL, 0, &e), "needs a text");
    REFUSED(kp_doc_paragraph(d, "x", KP_PARA_CENTER | KP_PARA_RIGHT, &e), "both");
    REFUSED(kp_doc_key_values(d, NULL, NULL, 0, &e), "at least one");
    REFUSED(kp_doc_chart(d, NULL, 0, &e), "no chart");
    REFUSED(kp_doc_table(d, 0, &t, &e), "1 to 64 columns");
    REFUSED(kp_doc_table(d, 65, &t, &e), "not 65");
    REFUSED(kp_doc_section(d, (enum kp_orientation)7, &e), "orientation");
    const char *many[65] = {0};
    REFUSED(kp_doc_cover(d, "封面", NULL, many, 65, &e), "at most 64 lines");

    /* Images: the file must exist and be a PNG. */
    REFUSED(kp_doc_image(d, "/nonexistent/logo.png", 0, &e), "/nonexistent/logo.png");
    const char *dir = scratch_dir("doc");
    char path[600];
    snprintf(path, sizeof path, "%s/not-a-png.png", dir);
    FILE *f = fopen(path, "w");
    fputs("GIF89a, not a PNG at all", f);
    fclose(f);
    REFUSED(kp_doc_image(d, path, 0, &e), "not a PNG image");
    REFUSED(kp_doc_image(d, path, -3, &e), "not a size");
    /* A PNG cut short: refused when added, not a crash when the PDF is made. */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 100);
    CHECK_INT_EQ(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    CHECK_INT_EQ(truncate(path, 70), 0);
    REFUSED(kp_doc_image(d, path, 0, &e), "damaged");
    remove(path);
    rmdir(dir);

    /* Oversized text is refused before it is copied. */
    size_t big = KP_DOC_MAX_TEXT + 1;
    char *huge = malloc(big + 1);
    if (huge) {
        memset(huge, 'a', big);
        huge[big] = 0;
        REFUSED(kp_doc_paragraph(d, huge, 0, &e), "MiB");
        free(huge);
    }

    /* Tables: columns and rows checked against the table's width. */
    CHECK_INT_EQ(kp_doc_table(d, 3, &t, &e), 0);
    blocks = d->nblocks;
    text = d->text.len;
    REFUSED(kp_table_column(t, 3, "第四列", KP_COL_AUTO, 0, KP_ALIGN_LEFT, &e),
            "column 4 does not exist");
    REFUSED(kp_table_column(t, 0, "列", KP_COL_FIXED, -5, KP_ALIGN_LEFT, &e), "fixed width");
    REFUSED(kp_table_column(t, 0, "列", KP_COL_SHARE, 0, KP_ALIGN_LEFT, &e), "share");
    const char *two[] = {"甲", "乙"};
    REFUSED(kp_table_row(t, two, 2, 0, &e), "table row 1 has 2 cells; the table has 3 columns");
    CHECK_INT_EQ(kp_table_column(t, 0, "单位", KP_COL_AUTO, 0, KP_ALIGN_LEFT, &e), 0);
    CHECK(t->has_header);
    const char *three[] = {"甲", "乙", "丙"};
    for (int i = 0; i < 100; i++)
        CHECK_INT_EQ(kp_table_row(t, three, 3, i == 99 ? KP_ROW_BOLD : 0, &e), 0);
    CHECK_INT_EQ(t->nrows, 100);
    CHECK_STR_EQ(kp_doc_text(d, t->cells[99 * 3 + 2]), "丙");
    CHECK_INT_EQ(t->row_flags[99], KP_ROW_BOLD);

    /* Key–value lists are unruled two-column tables. */
    const char *keys[] = {"单位：", "得分："}, *values[] = {"XX县计生协", "92.5"};
    CHECK_INT_EQ(kp_doc_key_values(d, keys, values, 2, &e), 0);
    const kp_block *kv = &d->blocks[d->nblocks - 1];
    CHECK_INT_EQ(kv->kind, KP_BLOCK_TABLE);
    CHECK(kv->table->key_value && !kv->table->ruled && !kv->table->has_header);
    CHECK_INT_EQ(kv->table->nrows, 2);

    kp_doc_free(d);
    return check_status();
}
