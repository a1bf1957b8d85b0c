/*
 * sandbox.h — a Lua 5.4 state for code that administrators write (assessment
 * rules, report layouts), with limits it cannot escape.
 *
 * What a script gets: the base library without dofile/loadfile (load takes
 * text only), and string, table, math and utf8; nothing of io, os, package,
 * require, debug, string.dump or garbage-collector control.  Library tables
 * are read-only; math.random is seeded the same way in every sandbox.  Each
 * script runs in a fresh environment of its own.  The host adds its functions
 * under the global table `kaoping`.
 *
 * Limits: a memory cap, a time limit per call enforced by a hook that is only
 * installed once the deadline has passed (so it costs nothing before) and
 * that pcall cannot swallow, and a bound on what C functions that Lua cannot
 * interrupt may cost (pattern matching, table shifting).
 *
 * Every error a script causes comes back as "file:line: message" followed by
 * a short traceback, in the kp_err.
 *
 * Host code that pushes values between calls does so unprotected; keep it to
 * a few small values (the cap is not enforced then), or use kp_sandbox_protect.
 */
#ifndef KP_SCRIPT_SANDBOX_H
#define KP_SCRIPT_SANDBOX_H

#include <lua.h>
#include <lauxlib.h>
#include <stddef.h>

#include "util/err.h"

typedef struct kp_sandbox kp_sandbox;

#define KP_SANDBOX_MEMORY_DEFAULT ((size_t)64 << 20)
#define KP_SANDBOX_TIME_DEFAULT_MS 2000u
/* Estimated steps (pattern_cost.c); the worst pattern at this bound took
 * 0.3 s on the development machine.  Patterns on names and codes cost a few
 * thousand. */
#define KP_SANDBOX_PATTERN_COST_DEFAULT 1e8

typedef struct kp_sandbox_limits {
    size_t memory;        /* bytes; 0 means KP_SANDBOX_MEMORY_DEFAULT           */
    unsigned time_ms;     /* per run or call; 0 means KP_SANDBOX_TIME_DEFAULT_MS */
    double pattern_cost;  /* 0 means KP_SANDBOX_PATTERN_COST_DEFAULT            */
} kp_sandbox_limits;

/* Where print() goes; the default writes "script: <text>" to stderr. */
typedef void (*kp_sandbox_print_fn)(void *ud, const char *text, size_t len);

/* `limits` may be NULL for the defaults. */
int kp_sandbox_new(kp_sandbox **out, const kp_sandbox_limits *limits, kp_err *e);
void kp_sandbox_free(kp_sandbox *sb);

lua_State *kp_sandbox_lua(kp_sandbox *sb);
/* The sandbox a lua_State belongs to, for C functions registered by the host. */
kp_sandbox *kp_sandbox_of(lua_State *L);
const kp_sandbox_limits *kp_sandbox_get_limits(const kp_sandbox *sb);

/* A pointer the host keeps with the sandbox (its own context). */
void kp_sandbox_set_user(kp_sandbox *sb, void *user);
void *kp_sandbox_user(kp_sandbox *sb);

void kp_sandbox_set_print(kp_sandbox *sb, kp_sandbox_print_fn fn, void *ud);

/* kaoping.<name> = fn.  Scripts loaded afterwards see it. */
int kp_sandbox_register(kp_sandbox *sb, const char *name, lua_CFunction fn, kp_err *e);
/* A global function every script loaded afterwards sees (for the verbs of a
 * small language, such as the rules file's `area` and `indicator`). */
int kp_sandbox_register_global(kp_sandbox *sb, const char *name, lua_CFunction fn, kp_err *e);
/* kaoping.<name> = a read-only table of the functions in `fns`. */
int kp_sandbox_register_table(kp_sandbox *sb, const char *name, const luaL_Reg *fns, kp_err *e);

/*
 * Give scripts kaoping.query(sql, ...): one SELECT with `?` parameters bound
 * from the extra arguments, returning an array of rows keyed by column name.
 * The connection is read-only and guarded (kp_store_open_reader): anything
 * that writes, attaches or loads an extension is refused.
 */
int kp_sandbox_open_db(kp_sandbox *sb, const char *path, kp_err *e);

/*
 * Run `fn` in protected mode with `ud` as its only argument (light userdata),
 * for host code that builds or reads larger Lua values.  Errors, including
 * running out of memory, come back in `e`.
 */
int kp_sandbox_protect(kp_sandbox *sb, lua_CFunction fn, void *ud, kp_err *e);

/*
 * Load a text chunk (never bytecode) and run it in a fresh environment.  The
 * chunk is named by `path` so that errors read "path:line: ...".  On success
 * the environment is left on the stack when `keep_env` is set, else popped.
 */
int kp_sandbox_run_file(kp_sandbox *sb, const char *path, int keep_env, kp_err *e);
int kp_sandbox_run_string(kp_sandbox *sb, const char *name, const char *code, size_t len,
                          int keep_env, kp_err *e);

/*
 * Run a library file: it must return a table, and each of that table's
 * string keys becomes a global that every script run afterwards sees
 * (read-only).  Two libraries defining the same name is an error.
 */
int kp_sandbox_load_library(kp_sandbox *sb, const char *path, kp_err *e);
/* The same for a library already read: `name` is its path, for messages.
 * Whoever hashes a library loads it from the very bytes it hashed. */
int kp_sandbox_load_library_string(kp_sandbox *sb, const char *name, const char *code,
                                   size_t len, kp_err *e);
/* Every *.lua file of `dir`, in name order. */
int kp_sandbox_load_library_dir(kp_sandbox *sb, const char *dir, kp_err *e);

/*
 * Call the function below `nargs` arguments on the stack, like lua_pcall,
 * within `time_ms` (0: the sandbox's limit).  On success `nresults` values
 * are left; on failure nothing is, and `e` holds the message and traceback.
 */
int kp_sandbox_call(kp_sandbox *sb, int nargs, int nresults, unsigned time_ms, kp_err *e);

/* "file:line" of the running script `level` Lua frames up, for C functions
 * that want to say where they were called from; "?" when unknown. */
void kp_sandbox_where(lua_State *L, int level, char *out, size_t size, int *line);

#endif
