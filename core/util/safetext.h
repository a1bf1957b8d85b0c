/*
 * safetext.h — stored text made safe for where it is shown next.
 *
 * Anything in the database may have come from a county's file or a rule:
 * any length, invalid UTF-8 from a rule's string operations, escape
 * sequences.  A terminal must not obey an escape sequence it is shown, and
 * a spreadsheet cell must be valid XML text of at most 32,767 characters.
 */
#ifndef KP_UTIL_SAFETEXT_H
#define KP_UTIL_SAFETEXT_H

#include <stddef.h>

#include "util/buf.h"

/* Excel's limit on a cell, in UTF-16 code units. */
#define KP_XLSX_CELL_MAX 32767

enum {
    /* Control characters as visible escapes ("\x1b"); without it they become
     * U+FFFD.  Tab and newline are kept either way unless KP_TEXT_ONE_LINE. */
    KP_TEXT_ESCAPES = 1,
    KP_TEXT_ONE_LINE = 2, /* tab, CR and LF are escaped too */
};

/*
 * Append `s` to `out`: invalid UTF-8 bytes become U+FFFD, C0/C1 controls,
 * DEL and the BOM are replaced as `flags` say, and the text is cut (ending in
 * "…") to at most `max_units` UTF-16 code units (0: no limit).  Returns -1
 * when the buffer cannot grow.
 */
int kp_safetext_append(kp_buf *out, const char *s, size_t max_units, unsigned flags);

/* The code point at `p` and its length in bytes, or 0 when the bytes there
 * are not well-formed UTF-8 (overlong forms and surrogates included). */
size_t kp_utf8_decode(const unsigned char *p, unsigned *cp);

#endif
