/*
 * docapi.h — the document object report layouts write to.
 *
 * A layout's render(doc, run, subject) receives `doc`, a Lua object whose
 * methods build a kp_doc (render/doc.h) call by call:
 *
 *   doc:info{title=, subject=, keywords=, author=, unit=}
 *   doc:style{margins={top, right, bottom, left}, body_size=, table_size=,
 *             heading_sizes={...}, number_headings=true, toc_depth=2}
 *   doc:cover{title=, subtitle=, lines={...}}      doc:toc()
 *   doc:section("landscape" | "portrait")         doc:page_break()
 *   doc:heading(level, text)
 *   doc:paragraph(text [, {bold=, align="center"|"right", indent=false, small=}])
 *   doc:kv{{"单位", "江北区"}, {"总分", "92.5"}}
 *   doc:table{columns={{"名称", width="auto"|points|"2*", align=}, ...},
 *             rows={{"a", "b", bold=true}, ...}, zebra=true}
 *   doc:chart{kind=, name=, title=, categories={...},
 *             series={{name=, values={...}}, ...}, unit=, axes={"区县", "得分"},
 *             range={0, 100}, references={{value=, label=}}, decimals=, height=}
 *   doc:image(path [, width])   (a PNG file inside the layout's folder)
 *
 * A missing chart value is written `false`.  Every wrong argument raises a
 * Lua error naming the method and what was expected, so the user sees it at
 * the layout's file:line.  Arguments are read raw: metatables on the tables
 * given to these methods are not consulted (docs/security.md says why).
 */
#ifndef KP_REPORT_DOCAPI_H
#define KP_REPORT_DOCAPI_H

#include "chart/chart.h"
#include "render/doc.h"
#include "script/sandbox.h"

typedef struct kp_docapi {
    kp_doc *doc;
    char *layout_dir;          /* images are looked up here                 */
    const char *chart_name;    /* capture mode: keep this chart, not the doc */
    kp_chart *captured;        /* the captured chart (owned)                 */
    char *chart_names;         /* capture mode: every chart name seen, "\n"  */
    int ref;                   /* the doc object, held while pushed          */
} kp_docapi;

/* Push the doc object for `api`.  A layout may keep the object beyond the
 * call; kp_docapi_release() cuts it from `api`, so that later use raises
 * "the document is closed" instead of touching freed memory. */
int kp_docapi_push(kp_sandbox *sb, kp_docapi *api, kp_err *e);
void kp_docapi_release(kp_sandbox *sb, kp_docapi *api);

#endif
