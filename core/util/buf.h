/*
 * buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Growth is bounded by `limit` (0 means KP_BUF_DEFAULT_LIMIT) so that hostile
 * input cannot make a buffer grow without end; kp_buf_* return -1 when an
 * append would pass it or memory runs out.
 */
#ifndef KP_UTIL_BUF_H
#define KP_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define KP_BUF_DEFAULT_LIMIT ((size_t)1 << 30)

typedef struct kp_buf {
    char *data;
    size_t len, cap, limit;
} kp_buf;

void kp_buf_init(kp_buf *b, size_t limit);
void kp_buf_free(kp_buf *b);
void kp_buf_clear(kp_buf *b);
int kp_buf_reserve(kp_buf *b, size_t extra);
int kp_buf_append(kp_buf *b, const void *p, size_t n);
int kp_buf_puts(kp_buf *b, const char *s);
int kp_buf_putc(kp_buf *b, char c);
int kp_buf_printf(kp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int kp_buf_vprintf(kp_buf *b, const char *fmt, va_list ap);
/* Hand the data to the caller (who frees it) and reset the buffer. */
char *kp_buf_steal(kp_buf *b);

#endif
