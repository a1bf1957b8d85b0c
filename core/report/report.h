/*
 * report.h — rendering reports from a stored assessment run with a Lua layout.
 *
 * A layout file defines, at its top level:
 *
 *   name = "county"                     -- names the output files
 *   function subjects(run) ... end      -- optional: what --all renders one
 *                                       -- report for: a list of tables with
 *                                       -- at least code and name (and file)
 *   function render(doc, run, subject) ... end
 *
 * `run` describes the stored run (id, year, rules, created); `subject` is one
 * entry of subjects(run), or {code = "", name = name} for a layout without
 * subjects.  render() builds the document through `doc` (report/docapi.h) and
 * reads data with kaoping.query().  Layouts run in the same sandbox as rules:
 * no file system, bounded memory and time.  Files in the `lib` folder next to
 * the layouts (every .lua file in reports/lib) are loaded first as shared helpers.
 */
#ifndef KP_REPORT_REPORT_H
#define KP_REPORT_REPORT_H

#include <stddef.h>

#include "util/err.h"

typedef struct kp_report kp_report;

/* Where one report's time went, for the benchmark (milliseconds). */
typedef struct kp_report_stats {
    double script_ms;            /* the layout's render(), its queries included */
    double layout_ms;            /* breaking lines, tables and pages            */
    double collect_ms;           /* finding the characters shown                */
    double subset_ms;            /* cutting the font down                       */
    double pdf_ms;               /* pages, charts, compression, the PDF bytes   */
    double file_ms;              /* writing the file atomically (fsync, rename) */
    size_t pages, bytes, chars;
} kp_report_stats;

typedef struct kp_report_config {
    const char *db_path;
    const char *layout_path;
    long run_id;                 /* 0: the official run, else the latest draft */
    const char *font_path;       /* NULL: the default font                     */
    const char *owner_password;  /* set: encrypt, print only                   */
    unsigned time_ms;            /* per report; 0: the default (30 s)          */
    kp_report_stats *stats;      /* set: kp_report_render fills it in          */
    unsigned out_flags;          /* KP_OUT_REPLACE: replace existing files     */
} kp_report_config;

typedef struct kp_report_subject {
    char *code;
    char *name;
    char *file;                  /* output file name, without folder: a plain
                                  * name ending in .pdf (util/outfile.h)       */
} kp_report_subject;

/* Load the layout and the run.  Fails with file:line for a bad layout. */
int kp_report_open(kp_report **out, const kp_report_config *cfg, kp_err *e);
void kp_report_close(kp_report *r);

long kp_report_run_id(const kp_report *r);
/* Whether that run is the official run of its year (else a draft). */
int kp_report_run_official(const kp_report *r);
const char *kp_report_layout_name(const kp_report *r);

/* The subjects the layout renders reports for (one, for a layout without). */
int kp_report_subjects(kp_report *r, kp_report_subject **out, size_t *n, kp_err *e);
void kp_report_subjects_free(kp_report_subject *s, size_t n);

/*
 * Render subject `i` to `pdf_path` (written atomically: nothing under that
 * name unless it is complete).  With `png_dpi` above 0, also write every page
 * next to it as `<pdf_path without .pdf>-<N>.png` at that resolution.
 */
int kp_report_render(kp_report *r, size_t i, const char *pdf_path, double png_dpi, kp_err *e);

/*
 * Run the layout for subject `i` without making a document, keep the chart
 * named `chart`, and write it as PNG or SVG (by the extension of `path`),
 * `width` × `height` points (PNG at 2 pixels a point).  Without a match the
 * message lists the layout's chart names.
 */
int kp_report_chart(kp_report *r, size_t i, const char *chart, const char *path, double width,
                    double height, kp_err *e);

#endif
