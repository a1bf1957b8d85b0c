/*
 * paths.h — where kaoping finds its own files (plugins, rules, layouts).
 *
 * Relative to its own executable first, so that a kaoping installed under
 * any prefix, installed with --destdir and moved, or copied with its build
 * tree finds the files that came with it:
 *
 *   build tree   BUILD/kaoping         BUILD/plugins, the source tree it was
 *                                      built from (scripts/, reports/)
 *   installed    PREFIX/bin/kaoping    PREFIX/LIBDIR/kaoping/plugins,
 *                                      PREFIX/share/kaoping
 *
 * then the prefix kaoping was configured with.  A kaoping run from its own
 * build tree never picks up an installed copy.
 */
#ifndef KP_UTIL_PATHS_H
#define KP_UTIL_PATHS_H

#include <stddef.h>

/* Is the running program the one in the build tree it was built in? */
int kp_running_from_build_tree(void);

/* The running executable's real path ("" when /proc is not mounted). */
const char *kp_exe_path(void);

/* kaoping's plugin folder: the first of kp_plugin_dir_candidates() that
 * exists, or NULL. */
const char *kp_plugin_dir(void);
/* The folders kp_plugin_dir() tries, in order, NULL-terminated. */
const char *const *kp_plugin_dir_candidates(void);

/* The folder holding scripts/ and reports/: the first candidate that does,
 * or the last candidate (so messages name a place) when none does. */
const char *kp_data_dir(void);
const char *const *kp_data_dir_candidates(void);

/* The folder holding the message catalogs (LANG/LC_MESSAGES/kaoping.mo):
 * the first of kp_locale_dir_candidates() that exists, or NULL. */
const char *kp_locale_dir(void);
const char *const *kp_locale_dir_candidates(void);

/* The path of `rel` (e.g. "scripts/rules/2023.lua") among kaoping's own
 * files, in kp_data_dir().  Returns `out`. */
const char *kp_data_path(char *out, size_t size, const char *rel);

#endif
