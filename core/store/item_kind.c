/* item_kind.c — the names of the item kinds (see item_kind.h). */
#include "store/item_kind.h"

#include <string.h>

static const struct {
    const char *name, *label;
} kinds[KP_ITEM_KINDS] = {
    [KP_ITEM_INDICATOR] = {"indicator", "指标"},
    [KP_ITEM_BONUS] = {"bonus", "加分"},
    [KP_ITEM_DEDUCTION] = {"deduction", "扣分"},
    [KP_ITEM_VETO] = {"veto", "一票否决"},
};

static int valid(enum kp_item_kind kind)
{
    return (int)kind >= 0 && (int)kind < KP_ITEM_KINDS;
}

const char *kp_item_kind_name(enum kp_item_kind kind)
{
    return valid(kind) ? kinds[kind].name : "";
}

int kp_item_kind_parse(const char *name)
{
    for (int k = 0; k < KP_ITEM_KINDS; k++)
        if (!strcmp(name, kinds[k].name))
            return k;
    return -1;
}

const char *kp_item_kind_label(enum kp_item_kind kind)
{
    return valid(kind) ? kinds[kind].label : "";
}
