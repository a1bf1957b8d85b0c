/*
 * sandbox_impl.h — the inside of a kp_sandbox, shared by the files of the
 * script room (sandbox.c, safelib.c, watchdog.c, query.c).  Not for use
 * outside core/script/.
 */
#ifndef KP_SCRIPT_SANDBOX_IMPL_H
#define KP_SCRIPT_SANDBOX_IMPL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>

#include "script/sandbox.h"

/* Why a running script was stopped; KP_STOP_NONE while it may go on. */
enum kp_stop { KP_STOP_NONE, KP_STOP_TIME, KP_STOP_MEMORY };

/* Registry keys (addresses of these are unique light userdata keys). */
extern const char kp_sandbox_key_base;    /* the table every environment inherits   */
extern const char kp_sandbox_key_kaoping; /* the real (writable) kaoping table      */
extern const char kp_sandbox_key_readonly; /* set of the read-only proxies           */

struct kp_watchdog {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started;          /* the thread exists                                   */
    int quit;             /* ask the thread to end                               */
    int armed;            /* a deadline is set                                   */
    long long deadline_ns; /* CLOCK_MONOTONIC                                    */
};

struct kp_sandbox {
    lua_State *L;
    kp_sandbox_limits limits;

    /* Memory accounting: `used` counts every live block.  The cap applies only
     * while a script runs (`enforce`), so that the host's own small pushes
     * between calls never fail on it. */
    size_t used;
    int enforce;
    /* The last request the allocator refused (see sandbox_alloc). */
    struct {
        void *ptr;
        size_t osize, nsize;
        int set;
    } refused;

    /* Set by the watchdog thread or the allocator; read by the stop hook,
     * by SQLite's progress handler and by long C loops. */
    atomic_int stop;
    int depth;            /* nesting of kp_sandbox_call / run                    */
    unsigned time_ms;     /* the limit of the outermost running call             */
    struct kp_watchdog dog;

    sqlite3 *db;          /* read-only connection for kaoping.query, or NULL     */

    kp_sandbox_print_fn print;
    void *print_ud;
    void *user;
};

/* sandbox.c: push a fresh environment (an empty table reading through to the
 * base); used by load() too. */
int kp_sandbox_push_env(lua_State *L);

/* sandbox.c: the name of the read-only proxy at `idx` (string, kaoping, ...)
 * pushed, or nothing pushed and 0 when it is not one. */
int kp_sandbox_push_readonly_name(lua_State *L, int idx);

/* safelib.c: replace the unsafe parts of the opened standard libraries. */
int kp_safelib_install(lua_State *L);

/* pattern_cost.c: a pessimistic estimate of the steps a Lua pattern match can
 * take on a subject of `subject_len` bytes; a bound on what C code cannot
 * interrupt. */
double kp_pattern_cost(const char *pattern, size_t plen, size_t subject_len, int anchored_ok);

/* sandbox.c: did the allocator refuse memory (as opposed to a script
 * raising the "not enough memory" message, which Lua also reports as
 * LUA_ERRMEM)? */
int kp_sandbox_memory_failed(kp_sandbox *sb);

/* watchdog.c */
int kp_watchdog_arm(kp_sandbox *sb, unsigned ms);
void kp_watchdog_disarm(kp_sandbox *sb);
void kp_watchdog_stop(kp_sandbox *sb);
/* Make the running script fail at its next instruction or function call
 * (safe from another thread: lua_sethook is async-safe). */
void kp_sandbox_trip(kp_sandbox *sb, enum kp_stop why);

/* query.c: kaoping.query */
int kp_query_lua(lua_State *L);

#endif
