/*
 * atomic_file.h — writing a whole file so that readers never see half of it.
 *
 * The data goes to a temporary file in the same folder, is flushed to disk,
 * and is renamed over the final name; a failure at any step removes the
 * temporary file and leaves whatever was at the final name untouched.
 */
#ifndef KP_RENDER_ATOMIC_FILE_H
#define KP_RENDER_ATOMIC_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Write `data` to `path` with the rules of util/outfile.h: `flags` is 0 (a
 * new file only) or KP_OUT_REPLACE; a special file there is never replaced. */
int kp_write_file(const char *path, const void *data, size_t len, unsigned flags, kp_err *e);

/* kp_write_file with KP_OUT_REPLACE, for files the caller owns. */
int kp_write_file_atomic(const char *path, const void *data, size_t len, kp_err *e);

/* For writers that open the file themselves (libxlsxwriter takes a name, not
 * bytes): write to the name kp_atomic_temp_name() puts in `tmp`, then
 * kp_atomic_commit() flushes it and moves it to `path` with the rules and
 * `flags` of kp_out_commit().  Whoever fails removes the temporary file: the
 * writer on its own failure, the commit on its. */
int kp_atomic_temp_name(const char *path, char *tmp, size_t size, kp_err *e);
int kp_atomic_commit(const char *tmp, const char *path, unsigned flags, kp_err *e);

#endif
