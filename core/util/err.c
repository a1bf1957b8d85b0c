/* err.c — building error messages (see err.h). */
#include "util/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int kp_fail(kp_err *e, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int kp_err_wrap(kp_err *e, const char *fmt, ...)
{
    if (!e)
        return -1;
    char prefix[KP_ERR_MAX], old[KP_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    /* A message too long for the buffer is cut; that is fine for a message. */
    if (snprintf(e->msg, sizeof e->msg, "%s: %s", prefix, old) < 0)
        e->msg[0] = '\0';
    return -1;
}

int kp_fail_errno(kp_err *e, const char *fmt, ...)
{
    int saved = errno;
    if (!e)
        return -1;
    char prefix[KP_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (snprintf(e->msg, sizeof e->msg, "%s: %s", prefix, strerror(saved)) < 0)
        e->msg[0] = '\0';
    return -1;
}
