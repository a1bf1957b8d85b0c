/*
 * query.c — kaoping.query(sql, ...): read-only SQL for scripts.
 *
 * The connection comes from kp_store_open_reader (read-only, with an
 * authorizer that refuses writing, ATTACH, pragmas and extensions); on top of
 * that only a single statement that SQLite calls read-only may run.  A
 * progress handler ends a long query once the script's time is up, since
 * SQLite, being C, is out of reach of the Lua hook.
 */
#include "script/sandbox_impl.h"

#include <string.h>

#include "store/store.h"

#define STMT_META "kaoping.statement"

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
        hint = " (scripts may only read the database: a single SELECT)";
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
    sqlite3_progress_handler(sb->db, 1000, progress, sb);
    if (kp_sandbox_protect(sb, install_statement_meta, NULL, e) < 0)
        return -1;
    return kp_sandbox_register(sb, "query", kp_query_lua, e);
}
