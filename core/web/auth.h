/*
 * auth.h — accounts and passwords.  Passwords are stored only as libsodium
 * Argon2id strings (crypto_pwhash_str, interactive cost).  Hashing is done
 * one at a time: each costs 64 MiB, and a burst of logins must not multiply
 * that.  The same functions serve `kaoping user` and the admin pages.
 */
#ifndef KP_WEB_AUTH_H
#define KP_WEB_AUTH_H

#include <jansson.h>
#include <sqlite3.h>

#include "util/err.h"

#define KP_PASSWORD_MIN 8
#define KP_PASSWORD_MAX 1024

typedef struct kp_user kp_user;

/* Once per process, before any other call. */
int kp_auth_init(kp_err *e);

/* Is `role` one of admin, staff, assessor, county? */
int kp_role_valid(const char *role);

int kp_user_add(sqlite3 *db, const char *name, const char *role, const char *unit,
                const char *password, kp_err *e);
int kp_user_passwd(sqlite3 *db, const char *name, const char *password, kp_err *e);
int kp_user_set_disabled(sqlite3 *db, const char *name, int disabled, kp_err *e);
/* Every account: [{id, name, role, unit, unit_name, disabled, created}]. */
int kp_user_list(sqlite3 *db, json_t **out, kp_err *e);

/*
 * Check a login.  1 and *u filled when name and password match an enabled
 * account, 0 when they do not (the time taken does not tell which part was
 * wrong), -1 on a store failure.
 */
int kp_user_verify(sqlite3 *db, const char *name, const char *password, kp_user *u, kp_err *e);

#endif
