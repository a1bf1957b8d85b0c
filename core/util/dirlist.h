/*
 * dirlist.h — the files of a folder, in name order.
 *
 * Imports take a folder's *.csv, the sandbox a library folder's *.lua: both
 * in a fixed order, so that a run does not depend on the file system's.
 */
#ifndef KP_UTIL_DIRLIST_H
#define KP_UTIL_DIRLIST_H

#include <stddef.h>

#include "util/err.h"

typedef struct kp_dirlist {
    char **names; /* file names (not paths), sorted by strcmp */
    size_t n;
} kp_dirlist;

/* List the entries of `dir` whose name ends in `suffix` (case-insensitive;
 * NULL: every entry), leaving out names that start with a dot. */
int kp_dirlist_read(kp_dirlist *out, const char *dir, const char *suffix, kp_err *e);
void kp_dirlist_free(kp_dirlist *l);

#endif
