/*
 * query.c — kaoping.query(sql, ...): read-only SQL for scripts.
 *
 * The connection comes from kp_store_open_reader (read-only); on top of
 * that only a single statement that SQLite calls read-only may run.  A
 * progress handler ends a long query once the script's time is up, since
 * SQLite, being C, is out of reach of the Lua hook.
 *
 * The progress handler only runs between SQLite's steps, and one function
 * call is one step: instr() on two long strings or hex(zeroblob(8e6)) ran
 * for minutes inside a single step.  So this connection gets its own guard:
 * low limits on string and SQL length, and an allow-list of functions whose
 * cost grows at most with the length of what they are given.
 */
#include "script/sandbox_impl.h"

#include <string.h>

#include "script/balance.h"
#include "store/store.h"

#define STMT_META "kaoping.statement"

/* Longest string or blob a query may make or return: names, codes and
 * sentences are far shorter. */
#define QUERY_MAX_LENGTH 1000000
#define QUERY_MAX_SQL 100000
#define QUERY_MAX_LIKE_PATTERN 100

/* Functions that cost at most a constant times their input.  Not here, on
 * purpose: instr, replace, trim (quadratic), printf/format (huge widths),
 * char, zeroblob, randomblob, hex (sizes chosen by the caller), json and
 * fts functions, load_extension. */
static const char *const allowed_functions[] = {
    "abs", "avg", "coalesce", "count", "date", "datetime", "dense_rank", "first_value",
    "glob", "group_concat", "ifnull", "iif", "julianday", "lag", "last_value", "lead",
    "length", "like", "lower", "max", "min", "nth_value", "ntile", "nullif", "percent_rank",
    "cume_dist", "rank", "round", "row_number", "strftime", "substr", "substring", "sum",
    "time", "total", "typeof", "unixepoch", "upper",
};

static int function_allowed(const char *name)
{
    for (size_t i = 0; i < sizeof allowed_functions / sizeof allowed_functions[0]; i++)
        if (!sqlite3_stricmp(name, allowed_functions[i]))
            return 1;
    return 0;
}

/* Reading, and calling the allowed functions; nothing else.  (Stricter than
 * the store's reader guard, which other readers share.) */
static int script_authorizer(void *ud, int action, const char *a, const char *fn,
                             const char *db, const char *trigger)
{
    (void)ud, (void)a, (void)db, (void)trigger;
    if (action == SQLITE_FUNCTION)
        return fn && function_allowed(fn) ? SQLITE_OK : SQLITE_DENY;
    int reads = action == SQLITE_SELECT || action == SQLITE_READ || action == SQLITE_RECURSIVE;
    return reads ? SQLITE_OK : SQLITE_DENY;
}

static int guard_connection(sqlite3 *db, const char *path, kp_err *e)
{
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, QUERY_MAX_LENGTH);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, QUERY_MAX_SQL);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, QUERY_MAX_LIKE_PATTERN);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 50);
    sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 100);
    sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 8);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
    if (sqlite3_set_authorizer(db, script_authorizer, NULL) != SQLITE_OK)
        return kp_fail(e, "%s: cannot guard the scripts' connection", path);
    return 0;
}

static int progress(void *ud)
{
    kp_sandbox *sb = ud;
    return atomic_load(&sb->stop) != KP_STOP_NONE;
}

/* A prepared statement owned by Lua, so that it is finalized however the
 * query ends (an error while rows are copied unwinds past our code). */
static int statement_gc(lua_State *L)
{
    sqlite3_stmt **box = luaL_checkudata(L, 1, STMT_META);
    if (*box) {
        sqlite3_finalize(*box);
        *box = NULL;
    }
    return 0;
}

static int all_blank(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\r\n;", *s))
            return 0;
    return 1;
}

static int query_error(lua_State *L, sqlite3 *db, int rc)
{
    const char *hint = "";
    if (rc == SQLITE_AUTH || (rc & 0xff) == SQLITE_READONLY)
        hint = " (scripts may only read the database: a single SELECT, with the functions "
               "listed in docs/security.md)";
    else if (rc == SQLITE_TOOBIG)
        hint = " (scripts' queries are limited to strings of 1,000,000 bytes)";
    else if (rc == SQLITE_INTERRUPT)
        hint = " (stopped: the script's time is up)";
    return luaL_error(L, "kaoping.query: %s%s", sqlite3_errmsg(db), hint);
}

int kp_query_lua(lua_State *L)
{
    kp_sandbox *sb = kp_sandbox_of(L);
    size_t len;
    const char *sql = luaL_checklstring(L, 1, &len);
    int nvalues = lua_gettop(L) - 1;
    KP_LUA_BALANCED(L);
    if (!sb->db)
        return luaL_error(L, "kaoping.query: no database is open");

    sqlite3_stmt **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    luaL_setmetatable(L, STMT_META);
    int boxi = lua_gettop(L);

    const char *tail = NULL;
    int rc = sqlite3_prepare_v2(sb->db, sql, (int)len, box, &tail);
    if (rc != SQLITE_OK)
        return query_error(L, sb->db, rc);
    if (!*box)
        return luaL_error(L, "kaoping.query: no SQL statement given");
    if (tail && !all_blank(tail))
        return luaL_error(L, "kaoping.query: one statement at a time (found more after '%s')",
                          sqlite3_sql(*box));
    if (!sqlite3_stmt_readonly(*box))
        return luaL_error(L, "kaoping.query: only SELECT may run (scripts may only read the "
                          "database)");

    int nparams = sqlite3_bind_parameter_count(*box);
    if (nparams != nvalues)
        return luaL_error(L, "kaoping.query: the SQL has %d parameter(s) but %d value(s) were "
                          "given", nparams, nvalues);
    for (int i = 1; i <= nvalues; i++) {
        int arg = i + 1;
        switch (lua_type(L, arg)) {
        case LUA_TNIL:
            rc = sqlite3_bind_null(*box, i);
            break;
        case LUA_TBOOLEAN:
            rc = sqlite3_bind_int(*box, i, lua_toboolean(L, arg));
            break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, arg))
                rc = sqlite3_bind_int64(*box, i, (sqlite3_int64)lua_tointeger(L, arg));
            else
                rc = sqlite3_bind_double(*box, i, lua_tonumber(L, arg));
            break;
        case LUA_TSTRING: {
            size_t vlen;
            const char *v = lua_tolstring(L, arg, &vlen);
            rc = sqlite3_bind_text(*box, i, v, (int)vlen, SQLITE_TRANSIENT);
            break;
        }
        default:
            return luaL_error(L, "kaoping.query: value %d is a %s; only nil, booleans, numbers "
                              "and strings can be bound", i, luaL_typename(L, arg));
        }
        if (rc != SQLITE_OK)
            return query_error(L, sb->db, rc);
    }

    lua_newtable(L);
    int ncols = sqlite3_column_count(*box);
    lua_Integer nrows = 0;
    while ((rc = sqlite3_step(*box)) == SQLITE_ROW) {
        lua_createtable(L, 0, ncols);
        for (int c = 0; c < ncols; c++) {
            switch (sqlite3_column_type(*box, c)) {
            case SQLITE_INTEGER:
                lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(*box, c));
                break;
            case SQLITE_FLOAT:
                lua_pushnumber(L, sqlite3_column_double(*box, c));
                break;
            case SQLITE_NULL:
                continue; /* a missing field is nil */
            default: {
                const void *p = sqlite3_column_blob(*box, c);
                lua_pushlstring(L, p ? p : "", (size_t)sqlite3_column_bytes(*box, c));
                break;
            }
            }
            lua_setfield(L, -2, sqlite3_column_name(*box, c));
        }
        lua_rawseti(L, -2, ++nrows);
    }
    if (rc != SQLITE_DONE)
        return query_error(L, sb->db, rc);
    sqlite3_finalize(*box);
    *box = NULL;
    lua_remove(L, boxi);
    KP_LUA_BALANCE_IS(L, 1);
    return 1;
}

static int install_statement_meta(lua_State *L)
{
    (void)lua_touserdata(L, 1);
    if (luaL_newmetatable(L, STMT_META)) {
        lua_pushcfunction(L, statement_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
    }
    return 0;
}

int kp_sandbox_open_db(kp_sandbox *sb, const char *path, kp_err *e)
{
    if (sb->db) {
        sqlite3_close_v2(sb->db);
        sb->db = NULL;
    }
    if (kp_store_open_reader(&sb->db, path, e) < 0)
        return -1;
    if (guard_connection(sb->db, path, e) < 0) {
        sqlite3_close_v2(sb->db);
        sb->db = NULL;
        return -1;
    }
    sqlite3_progress_handler(sb->db, 1000, progress, sb);
    if (kp_sandbox_protect(sb, install_statement_meta, NULL, e) < 0)
        return -1;
    return kp_sandbox_register(sb, "query", kp_query_lua, e);
}
