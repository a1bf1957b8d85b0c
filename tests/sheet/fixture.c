/*
 * fixture.c — see fixture.h.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

static int write_cell(lxw_worksheet *ws, int r, int c, const char *v, lxw_format *date)
{
    if (!*v)
        return 0;
    if (v[0] == '#')
        return worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, strtod(v + 1, NULL), NULL);
    if (v[0] == '?')
        return worksheet_write_boolean(ws, (lxw_row_t)r, (lxw_col_t)c, v[1] == '1', NULL);
    if (v[0] == '@') {
        lxw_datetime dt = {0};
        sscanf(v + 1, "%d-%d-%d", &dt.year, &dt.month, &dt.day);
        return worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)c, &dt, date);
    }
    if (v[0] == '=') {
        char f[256];
        const char *bar = strchr(v, '|');
        snprintf(f, sizeof f, "%.*s", (int)(bar - v), v);
        return worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, f, NULL,
                                           strtod(bar + 1, NULL));
    }
    return worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
}

int fx_write_xlsx(const char *path, const struct fx_sheet *sheets, size_t n)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return -1;
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy/m/d");
    int bad = 0;
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        if (!ws)
            return -1;
        if (sheets[s].hidden)
            worksheet_hide(ws);
        int top = 0;
        if (sheets[s].merge_title) {
            bad |= worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(sheets[s].cols - 1),
                                         sheets[s].merge_title, NULL) != LXW_NO_ERROR;
            top = 1;
        }
        for (int r = 0; r < sheets[s].rows; r++)
            for (int c = 0; c < sheets[s].cols; c++)
                bad |= write_cell(ws, r + top, c, sheets[s].cells[r * sheets[s].cols + c], date) != 0;
    }
    return workbook_close(wb) != LXW_NO_ERROR || bad ? -1 : 0;
}

int fx_zip(const char *path, const char *const *names, const char *const *data,
           const size_t *lens, size_t n)
{
    remove(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return -1;
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(z, data[i], lens ? lens[i] : strlen(data[i]), 0);
        if (!src || zip_file_add(z, names[i], src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            zip_discard(z);
            return -1;
        }
    }
    return zip_close(z) == 0 ? 0 : -1;
}

int fx_raw_xlsx(const char *path, const char *sheet_xml, size_t len, const char *workbook_pr)
{
    char workbook[1024];
    snprintf(workbook, sizeof workbook,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">%s"
             "<sheets><sheet name=\"家庭健康知识大讲堂\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
             "</workbook>", workbook_pr ? workbook_pr : "");
    static const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    static const char styles[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                           "xl/worksheets/sheet1.xml"};
    const char *data[] = {workbook, rels, styles, sheet_xml};
    size_t lens[] = {strlen(workbook), strlen(rels), strlen(styles), len};
    return fx_zip(path, names, data, lens, 4);
}
