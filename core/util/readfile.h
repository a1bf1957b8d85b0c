/*
 * readfile.h — a whole file into a kp_buf.
 *
 * The buffer's own limit bounds how much is read, so a caller that expects a
 * rules file or a layout says how big one may be when it sets the buffer up.
 */
#ifndef KP_UTIL_READFILE_H
#define KP_UTIL_READFILE_H

#include "util/buf.h"
#include "util/err.h"

/* Append the file at `path` to `out`; fails when it cannot be read or does
 * not fit under out's limit. */
int kp_read_file(const char *path, kp_buf *out, kp_err *e);

#endif
