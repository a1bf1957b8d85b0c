/*
 * body.h — a request's body: form fields kept in memory (small and few) and
 * uploaded files streamed to a private temporary folder, all under the size
 * cap.  A body cut short leaves the request marked bad, and everything it
 * wrote is removed when the request ends, whatever happened.
 */
#ifndef KP_WEB_BODY_H
#define KP_WEB_BODY_H

#include <stddef.h>

#include "web/http.h"

/* Start reading the body (a form, multipart or JSON); 0, or -1 for a type it does not take. */
int kp_body_begin(kp_req *r);
/* Feed `n` bytes. */
void kp_body_feed(kp_req *r, const char *data, size_t n);
/* The body is complete: finish parsing (marks it bad when it was cut short). */
void kp_body_end(kp_req *r);
/* Remove the temporary files and free the fields. */
void kp_body_free(kp_req *r);

#endif
