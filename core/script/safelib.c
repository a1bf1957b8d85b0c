/*
 * safelib.c — the standard library functions a script gets in place of the
 * unsafe originals.
 *
 * Removed: dofile, loadfile, warn, string.dump.  Replaced:
 *   load            text chunks only, a fresh environment unless one is given
 *   print           goes to the host (kp_sandbox_set_print)
 *   setmetatable    refuses __gc: a finalizer could run outside any time limit
 *   rawset          refuses the read-only library proxies (string, kaoping...)
 *   collectgarbage  "count" only
 *   pcall           a memory error is not caught but stops the script
 *   xpcall          likewise, and runs the handler after unwinding (see safe_xpcall)
 *   math.randomseed needs a seed; every sandbox starts from the same one
 *   string.find/match/gmatch/gsub
 *                   refuse a pattern whose worst case (pattern_cost.c) is over
 *                   the limit, because C code cannot be interrupted
 *   string.rep      an empty result returns at once (Lua would loop n times)
 *   table.insert/remove/move/sort
 *                   refuse lengths no real table in the memory cap can have:
 *                   a __len metamethod could otherwise make them loop for
 *                   hours in C
 * The replacements go into the library tables themselves, because strings
 * reach the string table through their metatable (s:find) as well.
 */
#include "script/sandbox_impl.h"

#include <lualib.h>
#include <stdio.h>
#include <string.h>

/* Does an error message already say where it happened ("file:12: ...")? */
static int has_position(const char *msg)
{
    const char *colon = strchr(msg, ':');
    if (!colon || colon == msg || memchr(msg, '\n', (size_t)(colon - msg)))
        return 0;
    const char *p = colon + 1;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == ':';
}

/*
 * Call the original function (upvalue 1) with all our arguments.  Called from
 * C, the original would name itself '?' in its errors and give no place, so
 * its own errors are raised again with its name (upvalue 2) and the script's
 * line; errors from script code it called already carry theirs.
 */
static int call_original(lua_State *L)
{
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, nargs, LUA_MULTRET, 0);
    if (status == LUA_OK)
        return lua_gettop(L);
    if (status == LUA_ERRRUN && lua_type(L, -1) == LUA_TSTRING && !has_position(lua_tostring(L, -1))) {
        const char *msg = lua_tostring(L, -1);
        const char *name = lua_pushfstring(L, "'%s'", lua_tostring(L, lua_upvalueindex(2)));
        luaL_gsub(L, msg, "'?'", name);
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/*
 * pcall, except that running out of memory cannot be caught: the script is
 * stopped instead (the host would otherwise get results computed after a
 * failed allocation).
 */
static int safe_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status == LUA_ERRMEM && kp_sandbox_memory_failed(kp_sandbox_of(L))) {
        kp_sandbox_trip(kp_sandbox_of(L), KP_STOP_MEMORY);
        return lua_error(L);
    }
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/*
 * xpcall, with the message handler called after the error has unwound.  Lua
 * runs a handler with hooks off when the error came from a hook, so a handler
 * that loops would escape the time limit; scripts have no debug library, so
 * they lose nothing by the handler running later.
 */
static int safe_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    luaL_checkstack(L, n + 2, "too many arguments");
    lua_pushvalue(L, 1);
    for (int i = 3; i <= n; i++)
        lua_pushvalue(L, i);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, n + 1);
        return lua_gettop(L) - n;
    }
    if (status == LUA_ERRMEM && kp_sandbox_memory_failed(kp_sandbox_of(L))) {
        kp_sandbox_trip(kp_sandbox_of(L), KP_STOP_MEMORY);
        return lua_error(L);
    }
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    lua_call(L, 1, 1);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

/* ---- base ------------------------------------------------------------------ */

static int safe_load(lua_State *L)
{
    int nargs = lua_gettop(L);
    luaL_checkany(L, 1);
    lua_settop(L, 4);
    if (lua_isnil(L, 2)) {
        lua_pushliteral(L, "=(load)");
        lua_replace(L, 2);
    }
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    if (nargs < 4) { /* no environment given: a fresh one, never the base */
        kp_sandbox_push_env(L);
        lua_replace(L, 4);
    }
    /* load reports errors as values; a real memory error has already
     * stopped the script in the allocator, whatever the message says. */
    return call_original(L);
}

static int safe_print(lua_State *L)
{
    kp_sandbox *sb = kp_sandbox_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    sb->print(sb->print_ud, s, len);
    return 0;
}

static int safe_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc (finalizers) is not allowed in scripts");
        lua_pop(L, 1);
    }
    return call_original(L);
}

static int safe_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (kp_sandbox_push_readonly_name(L, 1))
        return luaL_error(L, "%s is read-only", lua_tostring(L, -1));
    return call_original(L);
}

static int safe_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage('%s') is not allowed in scripts (only 'count')", opt);
    lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) + lua_gc(L, LUA_GCCOUNTB) / 1024.0);
    return 1;
}

static int safe_randomseed(lua_State *L)
{
    if (lua_isnoneornil(L, 1))
        return luaL_error(L, "math.randomseed needs a seed: a script must give the same "
                          "results every time it runs");
    luaL_checkinteger(L, 1);
    return call_original(L);
}

/* ---- string ---------------------------------------------------------------- */

static int check_pattern(lua_State *L, const char *fname, int anchored_ok, int plain_arg)
{
    size_t n, m;
    luaL_checklstring(L, 1, &n);
    const char *p = luaL_checklstring(L, 2, &m);
    double cost;
    if (plain_arg && lua_toboolean(L, plain_arg))
        cost = ((double)n + 1.0) * (double)(m ? m : 1);
    else
        cost = kp_pattern_cost(p, m, n, anchored_ok);
    kp_sandbox *sb = kp_sandbox_of(L);
    if (cost > sb->limits.pattern_cost) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: pattern '%.100s' could take too long on a string of %zu "
                 "bytes (estimated %.3g steps, limit %.3g); use a simpler pattern or a shorter "
                 "string", fname, p, n, cost, sb->limits.pattern_cost);
        return luaL_error(L, "%s", msg);
    }
    return 0;
}

static int safe_find(lua_State *L)
{
    check_pattern(L, "string.find", 1, 4);
    return call_original(L);
}

static int safe_match(lua_State *L)
{
    check_pattern(L, "string.match", 1, 0);
    return call_original(L);
}

static int safe_gmatch(lua_State *L)
{
    check_pattern(L, "string.gmatch", 0, 0);
    return call_original(L);
}

static int safe_gsub(lua_State *L)
{
    check_pattern(L, "string.gsub", 1, 0);
    return call_original(L);
}

static int safe_rep(lua_State *L)
{
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    kp_sandbox *sb = kp_sandbox_of(L);
    double total = (double)n * (double)(l + lsep);
    if (total > (double)sb->limits.memory) {
        char msg[200];
        snprintf(msg, sizeof msg, "string.rep: the result would be %.0f bytes, more than the %zu "
                 "MiB a script may use", total, sb->limits.memory >> 20);
        return luaL_error(L, "%s", msg);
    }
    return call_original(L);
}

/* ---- table ----------------------------------------------------------------- */

/* No table that fits in the memory cap has more elements than this. */
static lua_Integer max_elements(lua_State *L)
{
    return (lua_Integer)(kp_sandbox_of(L)->limits.memory / 16);
}

static int check_length(lua_State *L, const char *fname, lua_Integer count)
{
    if (count > max_elements(L))
        return luaL_error(L, "%s: %I elements are more than a script's table can hold "
                          "(a __len metamethod?)", fname, (lua_Integer)count);
    return 0;
}

static int safe_insert(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    check_length(L, "table.insert", luaL_len(L, 1));
    return call_original(L);
}

static int safe_remove(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    check_length(L, "table.remove", luaL_len(L, 1));
    return call_original(L);
}

static int safe_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    check_length(L, "table.sort", luaL_len(L, 1));
    return call_original(L);
}

static int safe_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    /* e - f computed unsigned cannot overflow when e >= f. */
    if (e >= f && (lua_Unsigned)e - (lua_Unsigned)f >= (lua_Unsigned)max_elements(L))
        return luaL_error(L, "table.move: too many elements to move");
    return call_original(L);
}

/* ---- installing ------------------------------------------------------------ */

/* t[name] = closure(fn, original t[name], name) for the table at index t. */
static void wrap(lua_State *L, int t, const char *name, lua_CFunction fn)
{
    lua_getfield(L, t, name);
    lua_pushstring(L, name);
    lua_pushcclosure(L, fn, 2);
    lua_setfield(L, t, name);
}

static void drop(lua_State *L, int t, const char *name)
{
    lua_pushnil(L);
    lua_setfield(L, t, name);
}

int kp_safelib_install(lua_State *L)
{
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    drop(L, g, "dofile");
    drop(L, g, "loadfile");
    drop(L, g, "warn");
    wrap(L, g, "load", safe_load);
    wrap(L, g, "setmetatable", safe_setmetatable);
    wrap(L, g, "rawset", safe_rawset);
    lua_pushcfunction(L, safe_print);
    lua_setfield(L, g, "print");
    lua_pushcfunction(L, safe_collectgarbage);
    lua_setfield(L, g, "collectgarbage");
    lua_pushcfunction(L, safe_xpcall);
    lua_setfield(L, g, "xpcall");
    lua_pushcfunction(L, safe_pcall);
    lua_setfield(L, g, "pcall");

    lua_getfield(L, g, LUA_STRLIBNAME);
    int s = lua_gettop(L);
    drop(L, s, "dump");
    wrap(L, s, "find", safe_find);
    wrap(L, s, "match", safe_match);
    wrap(L, s, "gmatch", safe_gmatch);
    wrap(L, s, "gsub", safe_gsub);
    wrap(L, s, "rep", safe_rep);
    lua_pop(L, 1);

    /* The string metatable is shared by every string: lock it. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);

    lua_getfield(L, g, LUA_TABLIBNAME);
    int t = lua_gettop(L);
    wrap(L, t, "insert", safe_insert);
    wrap(L, t, "remove", safe_remove);
    wrap(L, t, "sort", safe_sort);
    wrap(L, t, "move", safe_move);
    lua_pop(L, 1);

    lua_getfield(L, g, LUA_MATHLIBNAME);
    int m = lua_gettop(L);
    /* Lua 5.4 seeds math.random from the clock; start every sandbox alike. */
    lua_getfield(L, m, "randomseed");
    lua_pushinteger(L, 0);
    lua_call(L, 1, 0);
    wrap(L, m, "randomseed", safe_randomseed);
    lua_pop(L, 1);

    lua_pop(L, 1);
    return 0;
}
