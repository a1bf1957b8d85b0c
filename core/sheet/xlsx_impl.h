/*
 * xlsx_impl.h — inside the xlsx reader: the zip container with its limits,
 * and what the workbook parts say that every sheet needs (which sheets
 * there are, which styles are dates, the shared strings).
 */
#ifndef KP_SHEET_XLSX_IMPL_H
#define KP_SHEET_XLSX_IMPL_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "sheet/sheet.h"

/* One part of the zip being read through an xmlTextReader. */
struct xlsx_part {
    zip_file_t *f;
    const char *file;  /* the workbook's path, for messages */
    char name[256];    /* the part inside the zip */
    uint64_t done;     /* uncompressed bytes handed to the parser */
    uint64_t size;     /* as the zip's directory declares it */
    char why[512];     /* the first problem, when reading or parsing failed */
    int in_prolog;     /* before the root element: where a DTD would be */
    xmlTextReaderPtr xml;
};

struct xlsx_book {
    zip_t *zip;
    const char *path;
    kp_sheet_names visible;
    char **parts;          /* the part of each visible sheet */
    int date1904;
    unsigned char *is_date; /* per cell format (cellXfs index): a date format */
    size_t nxf;
    kp_buf strtext;        /* shared strings, each followed by a NUL */
    size_t *stroff;
    size_t nstrings;
};

/* Open the workbook: sheets, date system, styles; shared strings when `strings`. */
int xlsx_book_open(struct xlsx_book *b, const char *path, int strings, kp_err *e);
void xlsx_book_close(struct xlsx_book *b);

/*
 * Start reading part `name`: 1 and p->xml ready, 0 when the zip has no such
 * part (optional parts), -1 when it may not be read (limits) or fails.
 */
int xlsx_part_open(struct xlsx_book *b, const char *name, struct xlsx_part *p, kp_err *e);
/*
 * Count the elements with local name `local` in part `name` without parsing
 * it, stopping once past `most`: a quick look that lets a sheet of a million
 * empty rows be refused before the parser spends seconds on it.
 */
int xlsx_part_count(struct xlsx_book *b, const char *name, const char *local, long most,
                    long *count, kp_err *e);

/* One step of the reader: 1 a node, 0 the end, -1 an error (limits, XML) with `e` set. */
int xlsx_part_read(struct xlsx_part *p, kp_err *e);
void xlsx_part_close(struct xlsx_part *p);

/* The value of attribute `name` (local name) of the current element, or NULL. */
const char *xlsx_attr(xmlTextReaderPtr r, const char *name);
/*
 * Append the text of the element the reader is on to `out` and leave the
 * reader on its end: only text inside <t> when `only_t` (rich text runs),
 * skipping phonetic guides (<rPh>).
 */
int xlsx_text(struct xlsx_part *p, kp_buf *out, int only_t, kp_err *e);

/* Leave the reader on the end of the element it is on, reading nothing of it. */
int xlsx_skip(struct xlsx_part *p, kp_err *e);

#endif
