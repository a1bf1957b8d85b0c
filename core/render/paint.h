/*
 * paint.h — painting a laid-out page onto a canvas.
 *
 * The second pass after layout: the page's items are replayed in order onto
 * any kp_canvas — the PDF writer's page, a PNG preview, or a canvas that only
 * records which characters are shown.  Nothing is measured again, so every
 * canvas shows the same page.
 */
#ifndef KP_RENDER_PAINT_H
#define KP_RENDER_PAINT_H

#include <stddef.h>

#include "chart/canvas.h"
#include "render/layout.h"
#include "util/err.h"

/* Paint page `page` (from 0) of `l`.  Fails when the canvas reports a
 * failure or a chart cannot be painted, naming the page. */
int kp_paint_page(const kp_layout *l, size_t page, kp_canvas *cv, kp_err *e);

#endif
