/* session.c — sessions and their cookie (see session.h). */
#include "web/session.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32
#define TOUCH_EVERY_S 60

static void hex_of(const unsigned char *p, size_t n, char *out)
{
    sodium_bin2hex(out, n * 2 + 1, p, n);
}

/* The stored form of a token: its BLAKE2b hash, in hex. */
static int hash_token(const char *token, char out[65])
{
    if (strlen(token) != TOKEN_BYTES * 2)
        return -1;
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    hex_of(h, sizeof h, out);
    return 0;
}

static int fill_user(kp_req *r, sqlite3_stmt *st)
{
    r->logged_in = 1;
    r->user.id = sqlite3_column_int64(st, 0);
    snprintf(r->csrf, sizeof r->csrf, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(r->user.name, sizeof r->user.name, "%s", (const char *)sqlite3_column_text(st, 3));
    snprintf(r->user.role, sizeof r->user.role, "%s", (const char *)sqlite3_column_text(st, 4));
    const unsigned char *unit = sqlite3_column_text(st, 5);
    const unsigned char *uname = sqlite3_column_text(st, 6);
    snprintf(r->user.unit, sizeof r->user.unit, "%s", unit ? (const char *)unit : "");
    snprintf(r->user.unit_name, sizeof r->user.unit_name, "%s", uname ? (const char *)uname : "");
    return 0;
}

static int touch(sqlite3 *db, const char *hash, long long now, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "UPDATE kp_sessions SET last_seen = ?1 WHERE token_hash = ?2", -1,
                           &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "session");
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "session");
}

static int delete_session(sqlite3 *db, const char *hash, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "DELETE FROM kp_sessions WHERE token_hash = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return kp_sql_fail(e, db, "session");
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "session");
}

int kp_session_load(kp_req *r, kp_err *e)
{
    const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, KP_SESSION_COOKIE);
    if (!token || hash_token(token, r->token_hash))
        return 0;
    sqlite3 *db = kp_store_db(r->store);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT u.id, s.csrf, s.last_seen, u.name, u.role, u.unit, n.name"
                           " FROM kp_sessions s JOIN kp_users u ON u.id = s.user_id"
                           " LEFT JOIN units n ON n.code = u.unit"
                           " WHERE s.token_hash = ?1 AND u.disabled = 0",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "session");
    sqlite3_bind_text(st, 1, r->token_hash, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    long long now = (long long)time(NULL), seen = 0;
    if (step == SQLITE_ROW) {
        seen = sqlite3_column_int64(st, 2);
        if (now - seen <= (long long)r->web->cfg.session_idle_s)
            fill_user(r, st);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return kp_sql_fail(e, db, "session");
    if (step == SQLITE_ROW && !r->logged_in)
        return delete_session(db, r->token_hash, e); /* idle too long */
    if (r->logged_in && now - seen >= TOUCH_EVERY_S)
        return touch(db, r->token_hash, now, e);
    return 0;
}

static void set_cookie(kp_req *r, const char *value, int expire)
{
    snprintf(r->cookie, sizeof r->cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
             KP_SESSION_COOKIE, value, r->web->tls ? "; Secure" : "",
             expire ? "; Max-Age=0" : "");
}

int kp_session_start(kp_req *r, long long user_id, kp_err *e)
{
    sqlite3 *db = kp_store_db(r->store);
    /* A session id the client brought along is never promoted: it is dropped
     * and a fresh one made, so a planted cookie cannot become a login. */
    if (r->token_hash[0] && delete_session(db, r->token_hash, e))
        return -1;
    unsigned char raw[TOKEN_BYTES], csrf[TOKEN_BYTES];
    char token[TOKEN_BYTES * 2 + 1];
    randombytes_buf(raw, sizeof raw);
    randombytes_buf(csrf, sizeof csrf);
    hex_of(raw, sizeof raw, token);
    hex_of(csrf, sizeof csrf, r->csrf);
    hash_token(token, r->token_hash);
    sodium_memzero(raw, sizeof raw);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_sessions(token_hash, user_id, csrf, created,"
                               " last_seen, addr) VALUES(?1, ?2, ?3, ?4, ?4, ?5)",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "session");
    sqlite3_bind_text(st, 1, r->token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_text(st, 3, r->csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (long long)time(NULL));
    sqlite3_bind_text(st, 5, r->addr, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "session");
    set_cookie(r, token, 0);
    sodium_memzero(token, sizeof token);
    return 0;
}

int kp_session_end(kp_req *r, kp_err *e)
{
    set_cookie(r, "", 1);
    r->logged_in = 0;
    return r->token_hash[0] ? delete_session(kp_store_db(r->store), r->token_hash, e) : 0;
}

int kp_session_end_user(sqlite3 *db, long long user_id, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "DELETE FROM kp_sessions WHERE user_id = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return kp_sql_fail(e, db, "session");
    sqlite3_bind_int64(st, 1, user_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "session");
}

int kp_csrf_ok(const kp_req *r)
{
    if (!r->logged_in || strlen(r->csrf) != TOKEN_BYTES * 2)
        return 0;
    const char *t = kp_req_form(r, "csrf");
    if (!t)
        t = kp_req_header(r, "X-CSRF-Token");
    if (!t || strlen(t) != TOKEN_BYTES * 2)
        return 0;
    return sodium_memcmp(t, r->csrf, TOKEN_BYTES * 2) == 0;
}
