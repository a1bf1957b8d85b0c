/*
 * buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Growth is bounded by `limit` (0 means KP_BUF_DEFAULT_LIMIT) so that hostile
 * input cannot make a buffer grow without end.  `data` is never NULL once
 * the buffer is initialised: it is a shared empty string until the first
 * growth, so a buffer can always be read as text.
 *
 * Errors are sticky: an append that would pass the limit, or finds no memory,
 * marks the buffer failed, and every later append does nothing.  A caller
 * builds the whole text and asks kp_buf_failed() once at the end (each
 * kp_buf_* also returns -1 for callers that stop at once).
 */
#ifndef KP_UTIL_BUF_H
#define KP_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define KP_BUF_DEFAULT_LIMIT ((size_t)1 << 30)

typedef struct kp_buf {
    char *data;
    size_t len, cap, limit;
    int failed;
} kp_buf;

void kp_buf_init(kp_buf *b, size_t limit);
void kp_buf_free(kp_buf *b);
/* Empty the buffer and forget a failure: what follows is a new text. */
void kp_buf_clear(kp_buf *b);
/* Whether an append since kp_buf_init or kp_buf_clear failed; the text is
 * then incomplete. */
int kp_buf_failed(const kp_buf *b);
int kp_buf_reserve(kp_buf *b, size_t extra);
int kp_buf_append(kp_buf *b, const void *p, size_t n);
int kp_buf_puts(kp_buf *b, const char *s);
int kp_buf_putc(kp_buf *b, char c);
int kp_buf_printf(kp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int kp_buf_vprintf(kp_buf *b, const char *fmt, va_list ap);
/* Hand the data to the caller (who frees it; never NULL unless memory runs
 * out) and reset the buffer. */
char *kp_buf_steal(kp_buf *b);

#endif
