/*
 * pdf.h — writing a laid-out document as a PDF file.
 *
 * The PDF carries the report font as a subset of exactly the characters
 * shown, a bookmark for every heading, clickable contents entries, Chinese
 * metadata (title, author, subject, keywords), compressed streams, and
 * optionally a password with print-only permissions.
 *
 * Output is reproducible: the same document and timestamp give the same
 * bytes.  The timestamp is the caller's, else $SOURCE_DATE_EPOCH, else the
 * clock.  (An encrypted file is the exception: libharu derives its file
 * identifier from the clock.)
 */
#ifndef KP_RENDER_PDF_H
#define KP_RENDER_PDF_H

#include <stddef.h>

#include "render/doc.h"
#include "render/font.h"
#include "render/layout.h"
#include "pdf/subset.h"
#include "util/buf.h"
#include "util/err.h"

/* Time spent in each step, for the benchmark (milliseconds). */
typedef struct kp_pdf_stats {
    double collect_ms;   /* finding the characters shown           */
    double subset_ms;    /* cutting the font down                   */
    double write_ms;     /* pages, outlines, compression, the bytes */
    size_t chars;        /* distinct characters embedded            */
    size_t font_bytes;   /* size of the font subset, uncompressed   */
} kp_pdf_stats;

typedef struct kp_pdf_options {
    long long timestamp;         /* seconds since 1970; 0: $SOURCE_DATE_EPOCH or now */
    const char *owner_password;  /* set and not "": the file is encrypted           */
    const char *user_password;   /* needed to open the file; NULL or "": none       */
    int print_only;              /* with a password: printing allowed, no copying or editing */
    kp_pdf_stats *stats;         /* filled in when not NULL                         */
} kp_pdf_options;

/* Append the PDF of `l` (laid out from `d` in font `f`) to `out`.  `o` may be
 * NULL for the defaults. */
int kp_pdf_render(const kp_doc *d, const kp_layout *l, kp_font *f, kp_subsetter *ss,
                  const kp_pdf_options *o, kp_buf *out, kp_err *e);

/* Render and write to `path` atomically: a failure leaves no file there. */
int kp_pdf_write(const kp_doc *d, const kp_layout *l, kp_font *f, kp_subsetter *ss,
                 const kp_pdf_options *o, const char *path, kp_err *e);

#endif
