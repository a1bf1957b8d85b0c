/* auth.c — accounts and password hashes (see auth.h). */
#include "web/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/paths.h"
#include "web/http.h"
#include "web/session.h"

static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long ops_limit;
static size_t mem_limit;
/* Hashed once at start: a login for an unknown name is checked against it,
 * so that it takes as long as one for a real name. */
static char dummy_hash[crypto_pwhash_STRBYTES];

int kp_auth_init(kp_err *e)
{
    if (sodium_init() < 0)
        return kp_fail(e, "libsodium could not start");
    ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    /* The test suite makes hundreds of accounts; a build-tree binary may use
     * the lowest cost when asked to.  An installed kaoping never does. */
    const char *cheap = getenv("KAOPING_TEST_CHEAP_PWHASH");
    if (cheap && !strcmp(cheap, "1") && kp_running_from_build_tree()) {
        ops_limit = crypto_pwhash_OPSLIMIT_MIN;
        mem_limit = crypto_pwhash_MEMLIMIT_MIN;
    }
    if (crypto_pwhash_str(dummy_hash, "kaoping", 7, ops_limit, mem_limit) != 0)
        return kp_fail(e, "out of memory while hashing a password");
    return 0;
}

int kp_role_valid(const char *role)
{
    static const char *const roles[] = {"admin", "staff", "assessor", "county"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(role, roles[i]))
            return 1;
    return 0;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], kp_err *e)
{
    size_t n = strlen(pw);
    if (n < KP_PASSWORD_MIN || n > KP_PASSWORD_MAX)
        return kp_fail(e, "密码长度须在 %d 到 %d 个字符之间", KP_PASSWORD_MIN, KP_PASSWORD_MAX);
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str(out, pw, n, ops_limit, mem_limit);
    pthread_mutex_unlock(&hash_lock);
    return rc ? kp_fail(e, "out of memory while hashing a password") : 0;
}

static int check_password(const char *hash, const char *pw)
{
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
    pthread_mutex_unlock(&hash_lock);
    return rc == 0;
}

static int valid_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 63)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == '\'' ||
            *p == '&')
            return 0;
    return 1;
}

/* A county account must name a county of the unit tree. */
static int check_unit(sqlite3 *db, const char *role, const char *unit, kp_err *e)
{
    int county = !strcmp(role, "county");
    if (!county)
        return unit && *unit ? kp_fail(e, "只有县级账号（county）需要 --unit") : 0;
    if (!unit || !*unit)
        return kp_fail(e, "县级账号须用 --unit 指定所属县的单位代码");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM units WHERE code = ?1 AND level = 2", -1, &st,
                           NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? kp_fail(e, "单位代码 %s 不是已导入的县级单位", unit)
                             : kp_sql_fail(e, db, "users");
}

int kp_user_add(sqlite3 *db, const char *name, const char *role, const char *unit,
                const char *password, kp_err *e)
{
    if (!valid_name(name))
        return kp_fail(e, "账号名须为 1 到 63 个字节，不含空格、引号和 <>&");
    if (!kp_role_valid(role))
        return kp_fail(e, "角色须为 admin、staff、assessor 或 county");
    char hash[crypto_pwhash_STRBYTES];
    if (check_unit(db, role, unit, e) || hash_password(password, hash, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_users(name, role, unit, pwhash, created)"
                               " VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
    if (unit && *unit)
        sqlite3_bind_text(st, 3, unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT)
        return kp_fail(e, "账号 %s 已存在", name);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "users");
}

static long long user_id(sqlite3 *db, const char *name, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id FROM kp_users WHERE name = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    long long id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        kp_fail(e, "没有账号 %s", name);
    else if (rc != SQLITE_ROW)
        kp_sql_fail(e, db, "users");
    return id;
}

/* Change one column of an account and end its sessions. */
static int update_user(sqlite3 *db, const char *name, const char *sql, const char *text,
                       int number, kp_err *e)
{
    long long id = user_id(db, name, e);
    if (id < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int(st, 1, number);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "users");
    return kp_session_end_user(db, id, e);
}

int kp_user_passwd(sqlite3 *db, const char *name, const char *password, kp_err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(password, hash, e))
        return -1;
    return update_user(db, name, "UPDATE kp_users SET pwhash = ?1 WHERE id = ?2", hash, 0, e);
}

int kp_user_set_disabled(sqlite3 *db, const char *name, int disabled, kp_err *e)
{
    return update_user(db, name, "UPDATE kp_users SET disabled = ?1 WHERE id = ?2", NULL,
                       disabled != 0, e);
}

static json_t *user_row(sqlite3_stmt *st)
{
    const unsigned char *unit = sqlite3_column_text(st, 3);
    const unsigned char *uname = sqlite3_column_text(st, 4);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s}", "id",
                     (json_int_t)sqlite3_column_int64(st, 0), "name",
                     (const char *)sqlite3_column_text(st, 1), "role",
                     (const char *)sqlite3_column_text(st, 2), "unit",
                     unit ? (const char *)unit : "", "unit_name",
                     uname ? (const char *)uname : "", "disabled", sqlite3_column_int(st, 5),
                     "created", (const char *)sqlite3_column_text(st, 6));
}

int kp_user_list(sqlite3 *db, json_t **out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT u.id, u.name, u.role, u.unit, n.name, u.disabled, u.created"
                               " FROM kp_users u LEFT JOIN units n ON n.code = u.unit"
                               " ORDER BY u.role, u.unit, u.name",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(a, user_row(st));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return kp_sql_fail(e, db, "users");
    }
    *out = a;
    return 0;
}

static void copy_user(kp_user *u, sqlite3_stmt *st)
{
    const unsigned char *unit = sqlite3_column_text(st, 3);
    const unsigned char *uname = sqlite3_column_text(st, 4);
    u->id = sqlite3_column_int64(st, 0);
    snprintf(u->name, sizeof u->name, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(u->role, sizeof u->role, "%s", (const char *)sqlite3_column_text(st, 2));
    snprintf(u->unit, sizeof u->unit, "%s", unit ? (const char *)unit : "");
    snprintf(u->unit_name, sizeof u->unit_name, "%s", uname ? (const char *)uname : "");
}

int kp_user_verify(sqlite3 *db, const char *name, const char *password, kp_user *u, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT u.id, u.name, u.role, u.unit, n.name, u.pwhash, u.disabled"
                               " FROM kp_users u LEFT JOIN units n ON n.code = u.unit"
                               " WHERE u.name = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "users");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    char hash[crypto_pwhash_STRBYTES];
    int enabled = 0;
    snprintf(hash, sizeof hash, "%s", dummy_hash);
    if (rc == SQLITE_ROW) {
        copy_user(u, st);
        snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 5));
        enabled = sqlite3_column_int(st, 6) == 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "users");
    int match = strlen(password) <= KP_PASSWORD_MAX && check_password(hash, password);
    return rc == SQLITE_ROW && enabled && match;
}
