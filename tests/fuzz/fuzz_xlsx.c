/*
 * fuzz_xlsx.c — libFuzzer target for the xlsx reader (core/sheet).
 *
 * Whole fuzzed files would almost all die in the zip directory, so the
 * first byte picks how the input is used: odd, the input after it is the
 * file itself; even, it is a sheet part and (after a NUL) a shared-strings
 * part, packed into an otherwise well-formed workbook, which sends the
 * fuzzer's effort into the XML readers.  Besides not crashing, the reader
 * must keep its promises: every field well-formed (no NUL, its stated
 * length), row numbers within 1..KP_SHEET_MAX_ROWS, at most
 * KP_SHEET_MAX_COLS fields, and every error message names the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "fuzz.h"
#include "sheet/xlsx.h"

static char path[64];

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_xlsx: %s\n%s\n", what, detail ? detail : "");
    abort();
}

static const char workbook[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"0\"/><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"隐\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"9\"/></cellXfs></styleSheet>";

static void pack(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t sheet_len = nul ? (size_t)(nul - data) : size;
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        die("cannot create the workbook", path);
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                           "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"};
    const void *parts[] = {workbook, rels, styles, data, nul ? (const void *)(nul + 1) : ""};
    size_t lens[] = {sizeof workbook - 1, sizeof rels - 1, sizeof styles - 1, sheet_len,
                     nul ? size - sheet_len - 1 : 0};
    for (size_t i = 0; i < 5; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i], lens[i], 0);
        if (!src || zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE) < 0)
            die("cannot add a part", names[i]);
    }
    if (zip_close(z) < 0)
        die("cannot write the workbook", path);
}

static void write_raw(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f))
        die("cannot write the input", path);
}

static void check_error(const kp_err *e)
{
    if (strncmp(e->msg, path, strlen(path)) && strncmp(e->msg, "内存不足", 12))
        die("error message without the file's name", e->msg);
}

static void check_row(const kp_sheet_row *row)
{
    if (row->line < 1 || row->line > KP_SHEET_MAX_ROWS || row->n == 0 ||
        row->n > KP_SHEET_MAX_COLS)
        die("row outside the limits", NULL);
    for (size_t i = 0; i < row->n; i++) {
        size_t len;
        const char *f = kp_sheet_row_field(row, i, &len);
        if (!f || strlen(f) != len)
            die("field with a NUL or a wrong length", f);
    }
    if (kp_sheet_row_field(row, row->n, NULL) != NULL)
        die("field past the end of the row", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/kp-fuzz-xlsx-%d.xlsx", (int)getpid());
    if (data[0] & 1)
        write_raw(data + 1, size - 1);
    else
        pack(data + 1, size - 1);
    kp_sheet_names names;
    kp_err e;
    if (kp_xlsx_sheets(path, &names, &e) == 0)
        kp_sheet_names_free(&names);
    else
        check_error(&e);
    kp_xlsx *x;
    if (kp_xlsx_open(&x, path, NULL, &e) == 0) {
        int r;
        while ((r = kp_xlsx_next(x, &e)) == 1)
            check_row(kp_xlsx_row(x));
        if (r < 0)
            check_error(&e);
        kp_xlsx_close(x);
    } else {
        check_error(&e);
    }
    remove(path);
    return 0;
}
