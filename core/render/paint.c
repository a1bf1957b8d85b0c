/* paint.c — replaying a laid-out page onto a canvas (see paint.h). */
#include "render/paint.h"

static void set_rgb(kp_canvas *cv, uint32_t rgb)
{
    cv->ops->set_rgb(cv, (rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0,
                     (rgb & 0xFF) / 255.0);
}

int kp_paint_page(const kp_layout *l, size_t page, kp_canvas *cv, kp_err *e)
{
    if (page >= l->npages)
        return kp_fail(e, "page %zu does not exist: the document has %zu pages", page + 1,
                       l->npages);
    const kp_page *p = &l->pages[page];
    const struct kp_canvas_ops *op = cv->ops;
    for (size_t i = p->first; i < p->first + p->count && !cv->failed; i++) {
        const kp_item *it = &l->items[i];
        switch (it->kind) {
        case KP_ITEM_TEXT:
            if (!l->text.data[it->text])
                break;
            set_rgb(cv, it->rgb);
            op->text(cv, it->x, it->y, kp_layout_text(l, it->text), it->size, it->bold,
                     KP_ALIGN_LEFT);
            break;
        case KP_ITEM_RECT:
            set_rgb(cv, it->rgb);
            op->rect(cv, it->x, it->y, it->w, it->h);
            op->fill(cv);
            break;
        case KP_ITEM_LINE:
            if (it->w == 0 && it->h == 0)
                break;
            set_rgb(cv, it->rgb);
            op->set_line_width(cv, it->size);
            op->set_dash(cv, it->dash, it->dash);
            op->move_to(cv, it->x, it->y);
            op->line_to(cv, it->x + it->w, it->y + it->h);
            op->stroke(cv);
            if (it->dash > 0)
                op->set_dash(cv, 0, 0);
            break;
        case KP_ITEM_IMAGE:
            if (op->image) {
                op->image(cv, kp_layout_text(l, it->text), it->x, it->y, it->w, it->h);
            } else {
                set_rgb(cv, 0x808080);
                op->set_line_width(cv, 0.5);
                op->rect(cv, it->x, it->y, it->w, it->h);
                op->stroke(cv);
            }
            break;
        case KP_ITEM_CHART:
            if (kp_chart_paint(it->chart, cv, it->x, it->y, it->w, it->h, e) < 0)
                return kp_err_wrap(e, "page %zu", page + 1);
            break;
        }
    }
    if (cv->failed)
        return kp_fail(e, "page %zu: the canvas could not draw it", page + 1);
    return 0;
}
