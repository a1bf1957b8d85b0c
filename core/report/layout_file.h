/*
 * layout_file.h — opening a file a layout names (an image beside it) without
 * letting the layout reach anything else.
 */
#ifndef KP_REPORT_LAYOUT_FILE_H
#define KP_REPORT_LAYOUT_FILE_H

#include <stddef.h>

#include "util/err.h"

/*
 * Check that `name` is a regular file of at most `max_bytes` inside `dir`:
 * a relative name without "..", no symbolic link on the way, and nothing
 * that blocks when opened (a FIFO or a device).  On success the full path is
 * in `out`.
 */
int kp_layout_file_check(const char *dir, const char *name, size_t max_bytes, char *out,
                         size_t size, kp_err *e);

#endif
