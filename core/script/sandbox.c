/*
 * sandbox.c — creating a sandboxed Lua state, running scripts in fresh
 * environments, and turning every way a script can fail into one message.
 */
#include "script/sandbox_impl.h"

#include <errno.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/dirlist.h"
#include "util/readfile.h"

const char kp_sandbox_key_base = 0;
const char kp_sandbox_key_kaoping = 0;
const char kp_sandbox_key_readonly = 0;

/* Lines of traceback kept under an error message. */
#define TRACEBACK_LINES 6

/* ---- Memory ---------------------------------------------------------------- */

/*
 * A refusal is not yet the end: Lua collects garbage and asks again with the
 * same request.  A second refusal of the same request is the memory error
 * itself, and it stops the script here, where the script cannot interfere:
 * the error Lua raises next can be replaced by one from a __close handler or
 * swallowed by pcall, but the stop hook raises again at the next
 * instruction.
 */
static void *refuse(kp_sandbox *sb, void *ptr, size_t osize, size_t nsize)
{
    if (sb->refused.set && sb->refused.ptr == ptr && sb->refused.osize == osize &&
        sb->refused.nsize == nsize)
        kp_sandbox_trip(sb, KP_STOP_MEMORY);
    sb->refused.ptr = ptr;
    sb->refused.osize = osize;
    sb->refused.nsize = nsize;
    sb->refused.set = 1;
    return NULL;
}

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    kp_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old && sb->enforce && sb->used - old + nsize > sb->limits.memory)
        return refuse(sb, ptr, osize, nsize);
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    if (nsize > old)
        sb->refused.set = 0; /* memory was found after all */
    sb->used = sb->used - old + nsize;
    return p;
}

static int sandbox_panic(lua_State *L)
{
    /* Only reached when the host itself touches the state unprotected and the
     * machine is out of memory; Lua aborts after this returns. */
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "kaoping: fatal error in the Lua runtime: %s\n", msg ? msg : "?");
    return 0;
}

/* ---- Errors -------------------------------------------------------------- */

void kp_sandbox_where(lua_State *L, int level, char *out, size_t size, int *line)
{
    lua_Debug ar;
    if (line)
        *line = 0;
    for (int lv = level; lua_getstack(L, lv, &ar); lv++) {
        if (!lua_getinfo(L, "Sl", &ar))
            break;
        if (ar.currentline > 0) {
            snprintf(out, size, "%s:%d", ar.short_src, ar.currentline);
            if (line)
                *line = ar.currentline;
            return;
        }
    }
    snprintf(out, size, "?");
}

/*
 * The message handler: runs where the error happened, so it can still see the
 * stack.  It never calls __tostring (a script could make that loop), and it
 * lifts the memory cap while it writes, since the error may be that the
 * script ran out.
 */
static int message_handler(lua_State *L)
{
    kp_sandbox *sb = kp_sandbox_of(L);
    int enforce = sb->enforce;
    sb->enforce = 0;
    const char *msg;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER)
        msg = lua_tostring(L, 1);
    else
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));

    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, msg);
    lua_Debug ar;
    int shown = 0, skipped = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sln", &ar) || ar.currentline <= 0)
            continue; /* C functions say nothing useful to an administrator */
        if (shown == TRACEBACK_LINES) {
            skipped++;
            continue;
        }
        char line[512];
        if (ar.name)
            snprintf(line, sizeof line, "\n\t%s:%d: in %s '%s'", ar.short_src, ar.currentline,
                     *ar.namewhat ? ar.namewhat : "function", ar.name);
        else if (*ar.what == 'm')
            snprintf(line, sizeof line, "\n\t%s:%d: in main chunk", ar.short_src, ar.currentline);
        else
            snprintf(line, sizeof line, "\n\t%s:%d: in function <%s:%d>", ar.short_src,
                     ar.currentline, ar.short_src, ar.linedefined);
        if (shown == 0)
            luaL_addstring(&b, "\nstack traceback:");
        luaL_addstring(&b, line);
        shown++;
    }
    if (skipped) {
        char line[64];
        snprintf(line, sizeof line, "\n\t(%d more)", skipped);
        luaL_addstring(&b, line);
    }
    luaL_pushresult(&b);
    sb->enforce = enforce;
    return 1;
}

static const char *stop_message(kp_sandbox *sb, char *buf, size_t size)
{
    switch (atomic_load(&sb->stop)) {
    case KP_STOP_TIME:
        snprintf(buf, size, "script stopped: it ran longer than %u ms (time limit)", sb->time_ms);
        return buf;
    case KP_STOP_MEMORY:
        snprintf(buf, size, "script stopped: it needed more than %zu MiB of memory (memory limit)",
                 sb->limits.memory >> 20);
        return buf;
    default:
        return NULL;
    }
}

/*
 * The hook installed once a script must stop.  It fires before every
 * instruction and every function call (C functions included), so an error
 * caught by pcall is raised again at once.
 */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    kp_sandbox *sb = kp_sandbox_of(L);
    char msg[200];
    if (!stop_message(sb, msg, sizeof msg))
        return;
    sb->enforce = 0; /* the script is finished; let the message be written */
    char where[300];
    kp_sandbox_where(L, 0, where, sizeof where, NULL);
    lua_pushfstring(L, "%s: %s", where, msg);
    lua_error(L);
}

int kp_sandbox_memory_failed(kp_sandbox *sb)
{
    return atomic_load(&sb->stop) == KP_STOP_MEMORY || sb->refused.set;
}

void kp_sandbox_trip(kp_sandbox *sb, enum kp_stop why)
{
    int none = KP_STOP_NONE;
    atomic_compare_exchange_strong(&sb->stop, &none, (int)why);
    lua_sethook(sb->L, stop_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
}

/* Copy the error at the top of the stack (a string by now) into `e`, pop it.
 * `script` names the function that was called, for errors without a place. */
static int fail_from_stack(kp_sandbox *sb, int status, const char *script, kp_err *e)
{
    lua_State *L = sb->L;
    const char *msg = lua_tostring(L, -1);
    /* error("not enough memory", 0) raises LUA_ERRMEM too (lua_error turns
     * that exact message into a memory error); only the allocator can say
     * that the cap was really reached. */
    if (status == LUA_ERRMEM && kp_sandbox_memory_failed(sb)) {
        /* No handler runs for memory errors, so there is no line to give. */
        atomic_store(&sb->stop, KP_STOP_MEMORY);
    } else if (status == LUA_ERRMEM) {
        kp_fail(e, "%s: %s (raised by the script itself)", script,
                msg ? msg : "?");
        lua_pop(L, 1);
        return -1;
    }
    char stopbuf[200];
    const char *stop = stop_message(sb, stopbuf, sizeof stopbuf);
    if (atomic_load(&sb->stop) == KP_STOP_MEMORY && msg && !strstr(msg, stop)) {
        kp_fail(e, "%s: %s", script, stop);
    } else if (stop && msg && !strstr(msg, stop)) {
        /* The script caught the stop and raised something else. */
        kp_fail(e, "%s\n(%s)", msg, stop);
    } else {
        kp_fail(e, "%s", msg ? msg : "(error without a message)");
    }
    lua_pop(L, 1);
    return -1;
}

/* ---- Calls --------------------------------------------------------------- */

static int begin_call(kp_sandbox *sb, unsigned time_ms, kp_err *e)
{
    if (sb->depth++ > 0)
        return 0; /* a nested call lives within the outer call's limits */
    sb->time_ms = time_ms ? time_ms : sb->limits.time_ms;
    atomic_store(&sb->stop, KP_STOP_NONE);
    sb->refused.set = 0;
    if (kp_watchdog_arm(sb, sb->time_ms) < 0) {
        sb->depth--;
        return kp_fail(e, "cannot start the script time limit");
    }
    sb->enforce = 1;
    return 0;
}

static void end_call(kp_sandbox *sb)
{
    if (--sb->depth > 0)
        return;
    sb->enforce = 0;
    kp_watchdog_disarm(sb);
    lua_sethook(sb->L, NULL, 0, 0);
}

int kp_sandbox_call(kp_sandbox *sb, int nargs, int nresults, unsigned time_ms, kp_err *e)
{
    lua_State *L = sb->L;
    if (!lua_checkstack(L, 3)) {
        lua_pop(L, nargs + 1);
        return kp_fail(e, "Lua stack exhausted");
    }
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    if (begin_call(sb, time_ms, e) < 0) {
        lua_settop(L, base - 1);
        return -1;
    }
    char script[256] = "script";
    lua_Debug ar;
    lua_pushvalue(L, base + 1);
    if (lua_getinfo(L, ">S", &ar) && *ar.what != 'C')
        snprintf(script, sizeof script, "%s", ar.short_src);
    int status = lua_pcall(L, nargs, nresults, base);
    int stopped = atomic_load(&sb->stop) != KP_STOP_NONE;
    int outermost = sb->depth == 1;
    if (status != LUA_OK) {
        fail_from_stack(sb, status, script, e);
        lua_remove(L, base);
        end_call(sb);
        return -1;
    }
    if (stopped && outermost) {
        /* The script swallowed the stop (say, a memory error in pcall) and
         * returned normally: its results cannot be trusted. */
        char buf[200];
        kp_fail(e, "%s: %s", script, stop_message(sb, buf, sizeof buf));
        lua_settop(L, base - 1);
        end_call(sb);
        return -1;
    }
    lua_remove(L, base);
    end_call(sb);
    return 0;
}

struct protect_args {
    lua_CFunction fn;
    void *ud;
};

static int protect_trampoline(lua_State *L)
{
    struct protect_args *pa = lua_touserdata(L, 1);
    lua_pushcfunction(L, pa->fn);
    lua_pushlightuserdata(L, pa->ud);
    lua_call(L, 1, 0);
    return 0;
}

int kp_sandbox_protect(kp_sandbox *sb, lua_CFunction fn, void *ud, kp_err *e)
{
    lua_State *L = sb->L;
    struct protect_args pa = {fn, ud};
    if (!lua_checkstack(L, 4))
        return kp_fail(e, "Lua stack exhausted");
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, protect_trampoline);
    lua_pushlightuserdata(L, &pa);
    int status = lua_pcall(L, 1, 0, -3);
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        kp_fail(e, "%s", status == LUA_ERRMEM ? "out of memory" : msg ? msg : "?");
        lua_pop(L, 2);
        return -1;
    }
    lua_pop(L, 1);
    return 0;
}

/* ---- Environments and loading ------------------------------------------ */

/* Push a fresh environment: an empty table that reads through to the base. */
int kp_sandbox_push_env(lua_State *L)
{
    lua_newtable(L);                  /* env */
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
    lua_createtable(L, 0, 2);         /* its metatable */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_base);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    return 1;
}

/* Protected: load chunk (text only) and give it a fresh environment.
 * Arguments: lightuserdata of struct chunk; pushes function, env. */
struct chunk {
    const char *name; /* "@path" */
    const char *code;
    size_t len;
};

static int load_chunk(lua_State *L)
{
    struct chunk *c = lua_touserdata(L, 1);
    /* Lua's own refusal of bytecode does not say which file it was. */
    if (c->len > 0 && c->code[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "%s:1: this is compiled Lua (bytecode), which kaoping does not run; "
                             "give the .lua source text", c->name + 1);
    int status = luaL_loadbufferx(L, c->code, c->len, c->name, "t");
    if (status != LUA_OK)
        return lua_error(L);
    kp_sandbox_push_env(L);
    lua_pushvalue(L, -1);
    if (!lua_setupvalue(L, -3, 1))
        lua_pop(L, 1);
    return 2;
}

static int run_chunk(kp_sandbox *sb, const char *name, const char *code, size_t len, int keep_env,
                     int nresults, kp_err *e)
{
    lua_State *L = sb->L;
    char chunkname[1024];
    snprintf(chunkname, sizeof chunkname, "@%s", name);
    struct chunk c = {chunkname, code, len};

    /* Loading is protected too: the parser allocates and can run out. */
    lua_pushcfunction(L, load_chunk);
    lua_pushlightuserdata(L, &c);
    if (kp_sandbox_call(sb, 1, 2, 0, e) < 0)
        return -1;
    /* stack: fn env */
    lua_insert(L, -2); /* env fn */
    if (kp_sandbox_call(sb, 0, nresults, 0, e) < 0) {
        lua_pop(L, 1);
        return -1;
    }
    if (!keep_env)
        lua_remove(L, -1 - nresults);
    return 0;
}

int kp_sandbox_run_string(kp_sandbox *sb, const char *name, const char *code, size_t len,
                          int keep_env, kp_err *e)
{
    return run_chunk(sb, name, code, len, keep_env, 0, e);
}

int kp_sandbox_run_file(kp_sandbox *sb, const char *path, int keep_env, kp_err *e)
{
    kp_buf b;
    kp_buf_init(&b, 16u << 20);
    if (kp_read_file(path, &b, e) < 0) {
        kp_buf_free(&b);
        return -1;
    }
    int rc = run_chunk(sb, path, b.data, b.len, keep_env, 0, e);
    kp_buf_free(&b);
    return rc;
}

/* Protected: copy the fields of the table on top into the base, refusing names
 * that are already there.  Argument: the library's path (for messages). */
static int export_library(lua_State *L)
{
    const char *path = lua_touserdata(L, 1);
    /* stack: path-ud, exports */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_base);
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return luaL_error(L, "%s: the table it returns may only have names as keys", path);
        lua_pushvalue(L, -2);
        if (lua_rawget(L, 3) != LUA_TNIL)
            return luaL_error(L, "%s: '%s' is already defined (by the base library or another "
                              "library)", path, lua_tostring(L, -3));
        lua_pop(L, 1);
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 3);
    }
    return 0;
}

int kp_sandbox_load_library_string(kp_sandbox *sb, const char *name, const char *code,
                                   size_t len, kp_err *e)
{
    lua_State *L = sb->L;
    if (run_chunk(sb, name, code, len, 0, 1, e) < 0)
        return -1;
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return kp_fail(e, "%s: a library must end with 'return { name = value, ... }'", name);
    }
    /* Run the export protected, with the table as its second argument. */
    lua_pushcfunction(L, export_library);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, (void *)name);
    lua_insert(L, -2);
    return kp_sandbox_call(sb, 2, 0, 0, e);
}

int kp_sandbox_load_library(kp_sandbox *sb, const char *path, kp_err *e)
{
    kp_buf b;
    kp_buf_init(&b, 16u << 20);
    int rc = kp_read_file(path, &b, e);
    if (rc == 0)
        rc = kp_sandbox_load_library_string(sb, path, b.data, b.len, e);
    kp_buf_free(&b);
    return rc;
}

int kp_sandbox_load_library_dir(kp_sandbox *sb, const char *dir, kp_err *e)
{
    kp_dirlist l;
    if (kp_dirlist_read(&l, dir, ".lua", e))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, l.names[i]) >= (int)sizeof path)
            rc = kp_fail(e, "%s/%s: path too long", dir, l.names[i]);
        else
            rc = kp_sandbox_load_library(sb, path, e);
    }
    kp_dirlist_free(&l);
    return rc;
}

/* ---- The kaoping table --------------------------------------------------- */

struct reg_args {
    const char *name;
    lua_CFunction fn;
    const luaL_Reg *fns;
};

/* A read-only view of the table on top of the stack, replacing it. */
static void make_readonly(lua_State *L, const char *what);

static int register_in_kaoping(lua_State *L)
{
    struct reg_args *ra = lua_touserdata(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_kaoping);
    if (ra->fns) {
        lua_newtable(L);
        luaL_setfuncs(L, ra->fns, 0);
        char what[128];
        snprintf(what, sizeof what, "kaoping.%s", ra->name);
        make_readonly(L, what);
    } else {
        lua_pushcfunction(L, ra->fn);
    }
    lua_setfield(L, -2, ra->name);
    return 0;
}

int kp_sandbox_register(kp_sandbox *sb, const char *name, lua_CFunction fn, kp_err *e)
{
    struct reg_args ra = {name, fn, NULL};
    return kp_sandbox_protect(sb, register_in_kaoping, &ra, e);
}

static int register_in_base(lua_State *L)
{
    struct reg_args *ra = lua_touserdata(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_base);
    lua_pushcfunction(L, ra->fn);
    lua_setfield(L, -2, ra->name);
    return 0;
}

int kp_sandbox_register_global(kp_sandbox *sb, const char *name, lua_CFunction fn, kp_err *e)
{
    struct reg_args ra = {name, fn, NULL};
    return kp_sandbox_protect(sb, register_in_base, &ra, e);
}

int kp_sandbox_register_table(kp_sandbox *sb, const char *name, const luaL_Reg *fns, kp_err *e)
{
    struct reg_args ra = {name, NULL, fns};
    return kp_sandbox_protect(sb, register_in_kaoping, &ra, e);
}

static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "%s is read-only", lua_tostring(L, lua_upvalueindex(1)));
}

/*
 * The proxy is an empty table, so rawset could still write into it (and
 * every later script would read what it wrote); safelib's rawset refuses the
 * proxies listed in the registry set.
 */
static void make_readonly(lua_State *L, const char *what)
{
    lua_newtable(L);                     /* real proxy */
    lua_createtable(L, 0, 3);            /* real proxy mt */
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, what);
    lua_pushcclosure(L, readonly_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);             /* real proxy */
    lua_remove(L, -2);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_readonly) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_readonly);
    }
    lua_pushvalue(L, -2);
    lua_pushstring(L, what);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

int kp_sandbox_push_readonly_name(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_readonly) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) != LUA_TSTRING) {
        lua_pop(L, 2);
        return 0;
    }
    lua_remove(L, -2);
    return 1;
}

/* ---- Creation ------------------------------------------------------------ */

static void print_to_stderr(void *ud, const char *text, size_t len)
{
    (void)ud;
    fprintf(stderr, "script: %.*s\n", (int)len, text);
}

static int open_sandbox(lua_State *L)
{
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},
        {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table},
        {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},
    };
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
        luaL_requiref(L, libs[i].name, libs[i].func, 1);
        lua_pop(L, 1);
    }
    /* Only what was opened above went into package.loaded; drop it. */
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);

    if (kp_safelib_install(L) != 0)
        return luaL_error(L, "cannot install the safe library functions");

    /* The base every environment reads through: the global table, with the
     * libraries replaced by read-only views. */
    lua_pushglobaltable(L);
    static const char *const readonly_libs[] = {LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME,
                                                LUA_UTF8LIBNAME};
    for (size_t i = 0; i < sizeof readonly_libs / sizeof readonly_libs[0]; i++) {
        lua_getfield(L, -1, readonly_libs[i]);
        make_readonly(L, readonly_libs[i]);
        lua_setfield(L, -2, readonly_libs[i]);
    }
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_kaoping);
    make_readonly(L, "kaoping");
    lua_setfield(L, -2, "kaoping");
    lua_pushnil(L);
    lua_setfield(L, -2, "_G");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kp_sandbox_key_base);
    return 0;
}

int kp_sandbox_new(kp_sandbox **out, const kp_sandbox_limits *limits, kp_err *e)
{
    *out = NULL;
    kp_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb)
        return kp_fail(e, "out of memory");
    if (limits)
        sb->limits = *limits;
    if (!sb->limits.memory)
        sb->limits.memory = KP_SANDBOX_MEMORY_DEFAULT;
    if (!sb->limits.time_ms)
        sb->limits.time_ms = KP_SANDBOX_TIME_DEFAULT_MS;
    if (!(sb->limits.pattern_cost > 0))
        sb->limits.pattern_cost = KP_SANDBOX_PATTERN_COST_DEFAULT;
    atomic_init(&sb->stop, KP_STOP_NONE);
    sb->print = print_to_stderr;
    if (pthread_mutex_init(&sb->dog.mu, NULL) != 0) {
        free(sb);
        return kp_fail(e, "cannot create the script watchdog lock");
    }
    pthread_condattr_t ca;
    if (pthread_condattr_init(&ca) != 0 || pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&sb->dog.cv, &ca) != 0) {
        pthread_mutex_destroy(&sb->dog.mu);
        free(sb);
        return kp_fail(e, "cannot create the script watchdog");
    }
    pthread_condattr_destroy(&ca);

    sb->L = lua_newstate(sandbox_alloc, sb);
    if (!sb->L) {
        kp_sandbox_free(sb);
        return kp_fail(e, "cannot create a Lua state: out of memory");
    }
    lua_atpanic(sb->L, sandbox_panic);
    if (kp_sandbox_protect(sb, open_sandbox, NULL, e) < 0) {
        kp_err_wrap(e, "cannot set up the Lua sandbox");
        kp_sandbox_free(sb);
        return -1;
    }
    *out = sb;
    return 0;
}

void kp_sandbox_free(kp_sandbox *sb)
{
    if (!sb)
        return;
    kp_watchdog_stop(sb);
    if (sb->L) {
        /* Finalizers cannot be set by scripts (safelib refuses __gc), so
         * closing runs no script code. */
        sb->enforce = 0;
        lua_close(sb->L);
    }
    if (sb->db)
        sqlite3_close_v2(sb->db);
    pthread_cond_destroy(&sb->dog.cv);
    pthread_mutex_destroy(&sb->dog.mu);
    free(sb);
}

lua_State *kp_sandbox_lua(kp_sandbox *sb) { return sb->L; }

kp_sandbox *kp_sandbox_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

const kp_sandbox_limits *kp_sandbox_get_limits(const kp_sandbox *sb) { return &sb->limits; }

void kp_sandbox_set_user(kp_sandbox *sb, void *user) { sb->user = user; }

void *kp_sandbox_user(kp_sandbox *sb) { return sb->user; }

void kp_sandbox_set_print(kp_sandbox *sb, kp_sandbox_print_fn fn, void *ud)
{
    sb->print = fn ? fn : print_to_stderr;
    sb->print_ud = fn ? ud : NULL;
}
