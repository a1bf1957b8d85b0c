/* buf.c — growable byte buffer (see buf.h). */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What `data` points to before the first growth; cap == 0 says it is this
 * and not ours to free or write. */
static char empty[1];

void kp_buf_init(kp_buf *b, size_t limit)
{
    b->data = empty;
    b->len = b->cap = 0;
    b->limit = limit ? limit : KP_BUF_DEFAULT_LIMIT;
    b->failed = 0;
}

void kp_buf_free(kp_buf *b)
{
    if (b->cap)
        free(b->data);
    b->data = empty;
    b->len = b->cap = 0;
}

void kp_buf_clear(kp_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->cap)
        b->data[0] = '\0';
}

int kp_buf_failed(const kp_buf *b)
{
    return b->failed;
}

static int fail(kp_buf *b)
{
    b->failed = 1;
    return -1;
}

int kp_buf_reserve(kp_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > b->limit || b->len > b->limit - extra)
        return fail(b);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    char *p = realloc(b->cap ? b->data : NULL, cap);
    if (!p)
        return fail(b);
    if (!b->cap)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return 0;
}

int kp_buf_append(kp_buf *b, const void *p, size_t n)
{
    if (kp_buf_reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int kp_buf_puts(kp_buf *b, const char *s)
{
    return kp_buf_append(b, s, strlen(s));
}

int kp_buf_putc(kp_buf *b, char c)
{
    return kp_buf_append(b, &c, 1);
}

int kp_buf_vprintf(kp_buf *b, const char *fmt, va_list ap)
{
    if (b->failed)
        return -1;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return fail(b);
    if (kp_buf_reserve(b, (size_t)n) < 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int kp_buf_printf(kp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = kp_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

char *kp_buf_steal(kp_buf *b)
{
    char *p = b->cap ? b->data : calloc(1, 1);
    b->data = empty;
    b->len = b->cap = 0;
    return p;
}
