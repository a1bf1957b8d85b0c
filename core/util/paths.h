/*
 * paths.h — where kaoping finds its own files (plugins, rules, layouts).
 *
 * A kaoping run from its build tree uses the files of the tree it was built
 * from, so that a developer's build never picks up an installed copy; an
 * installed kaoping uses the installed ones.
 */
#ifndef KP_UTIL_PATHS_H
#define KP_UTIL_PATHS_H

#include <stddef.h>

/* Is the running program the one in the build tree? */
int kp_running_from_build_tree(void);

/* The path of `rel` (e.g. "scripts/rules/2023.lua") among kaoping's own
 * files: the source tree when running from the build tree, else the
 * installed data folder.  Returns `out`. */
const char *kp_data_path(char *out, size_t size, const char *rel);

#endif
