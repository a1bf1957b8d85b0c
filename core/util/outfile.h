/*
 * outfile.h — the files kaoping writes on the user's disk.
 *
 * Output goes where the user said and nowhere else: a name that comes from
 * data (a layout, a county's name) is a plain file name from an allow-list,
 * a file kaoping did not write in this run is not replaced unless the user
 * asked for it, and a FIFO, device, socket or folder at the name is never
 * replaced.  Every file is written under a temporary name, flushed and
 * renamed, so the final name holds a whole file or the one before.
 */
#ifndef KP_UTIL_OUTFILE_H
#define KP_UTIL_OUTFILE_H

#include <stddef.h>

#include "util/err.h"

/* Longest output file name kaoping makes or accepts, in bytes (file systems
 * allow 255; room is left for the temporary suffix). */
#define KP_OUT_NAME_MAX 200

enum {
    KP_OUT_REPLACE = 1, /* an existing regular file of that name may be replaced */
};

/* Is `name` a plain output file name: UTF-8, no folder separator, no leading
 * dot, no control characters, at most KP_OUT_NAME_MAX bytes? */
int kp_out_name_ok(const char *name);

/* Append `in` to `out` (of `size` bytes, holding a string) made safe for a
 * file name: separators, control characters and invalid UTF-8 become '_',
 * and it is cut at a character boundary to at most `max` bytes. */
void kp_out_name_append(char *out, size_t size, const char *in, size_t max);

/* Make folder `dir` (and its parents) if missing; fail unless it is one. */
int kp_out_dir(const char *dir, kp_err *e);

/* May `path` be written with `flags`?  Fails for a special file or folder
 * there, and for an existing file without KP_OUT_REPLACE. */
int kp_out_check(const char *path, unsigned flags, kp_err *e);

/* Flush temporary file `tmp` and move it to `path` (without KP_OUT_REPLACE
 * only if nothing is there, atomically).  On failure `tmp` is removed. */
int kp_out_commit(const char *tmp, const char *path, unsigned flags, kp_err *e);

/* errno of a failed write as a message naming `path`; a full disk or a file
 * size limit says so plainly. */
int kp_out_fail_errno(kp_err *e, const char *path, const char *doing);

#endif
