/*
 * suggest.h — how far a misspelt name is from a known one, for the
 * "did you mean" that checkers add to their messages.
 *
 * Names are short identifiers (rule keys, item ids, column ids), so the
 * distance is counted in bytes and refused for long strings rather than
 * allocated for.
 */
#ifndef KP_UTIL_SUGGEST_H
#define KP_UTIL_SUGGEST_H

#include <stddef.h>

/* The longest name compared; longer ones are KP_EDIT_FAR from everything. */
#define KP_EDIT_MAX 64
#define KP_EDIT_FAR ((size_t)-1)

enum kp_edit_case { KP_EDIT_EXACT, KP_EDIT_FOLD_ASCII };

/* Levenshtein distance between `a` and `b`: insertions, deletions and
 * substitutions of one byte each, with ASCII letters compared without case
 * when asked. */
size_t kp_edit_distance(const char *a, const char *b, enum kp_edit_case how);

#endif
