/*
 * item_kind.h — the four kinds of item a rules file declares, spelt once.
 *
 * The rules language has one verb per kind (indicator, bonus, deduction,
 * veto), a stored run keeps the same word in run_items.kind, and results
 * show a Chinese label; all three come from here, so the store is the one
 * place the words live next to the enum.
 */
#ifndef KP_STORE_ITEM_KIND_H
#define KP_STORE_ITEM_KIND_H

enum kp_item_kind { KP_ITEM_INDICATOR, KP_ITEM_BONUS, KP_ITEM_DEDUCTION, KP_ITEM_VETO };
#define KP_ITEM_KINDS 4

/* "indicator", "bonus", "deduction", "veto". */
const char *kp_item_kind_name(enum kp_item_kind kind);
/* The kind a name spells; -1 for anything else. */
int kp_item_kind_parse(const char *name);
/* What a reader sees: 指标, 加分, 扣分, 一票否决. */
const char *kp_item_kind_label(enum kp_item_kind kind);

#endif
