/*
 * err.h — how errors travel in kaoping.
 *
 * A function that can fail takes a `kp_err *` last and returns 0 on success or
 * -1 on failure, with a message in the kp_err.  The message is complete and
 * meant for the user: it already carries its place (`file:line: column: ...`)
 * when there is one.  Callers that add context prefix it with kp_err_wrap().
 */
#ifndef KP_UTIL_ERR_H
#define KP_UTIL_ERR_H

#include <stddef.h>

#define KP_ERR_MAX 2048

typedef struct kp_err {
    char msg[KP_ERR_MAX];
} kp_err;

/* Set the message (printf-style); returns -1 so that `return kp_fail(...)` works. */
int kp_fail(kp_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefix the existing message with more context: "<context>: <old message>". */
int kp_err_wrap(kp_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set the message from errno: "<context>: <strerror(errno)>". */
int kp_fail_errno(kp_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
