/*
 * session.h — browser sessions.  The token is 256 random bits, handed to the
 * browser in an HttpOnly, SameSite=Strict cookie (Secure under TLS) and kept
 * in the store only as its hash; each session has its own CSRF token.  A
 * session ends on logout, after the configured idle time, or when its
 * account is disabled or its password changed.
 */
#ifndef KP_WEB_SESSION_H
#define KP_WEB_SESSION_H

#include "web/http.h"

#define KP_SESSION_COOKIE "kp_session"

/* Look the request's cookie up; fills r->user and r->csrf when it names a live session. */
int kp_session_load(kp_req *r, kp_err *e);
/* A new session for `user_id`, replacing whatever session the request came with. */
int kp_session_start(kp_req *r, long long user_id, kp_err *e);
/* End the request's session and clear the cookie. */
int kp_session_end(kp_req *r, kp_err *e);
/* End every session of an account. */
int kp_session_end_user(sqlite3 *db, long long user_id, kp_err *e);
/* Does the request carry its session's CSRF token (form field csrf or X-CSRF-Token)? */
int kp_csrf_ok(const kp_req *r);

#endif
