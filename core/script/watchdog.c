/*
 * watchdog.c — the time limit of a running script.
 *
 * A count hook, whatever its interval, doubles the time of tight Lua loops,
 * so none is installed while a script is within its time.  A thread sleeps
 * until the deadline instead, and only if the script is still running then
 * does it install the stop hook (lua_sethook may be called asynchronously).
 * The thread is started on the first call and serves every later one.
 */
#include "script/sandbox_impl.h"

#include <errno.h>
#include <time.h>

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *watchdog_main(void *arg)
{
    kp_sandbox *sb = arg;
    struct kp_watchdog *d = &sb->dog;
    pthread_mutex_lock(&d->mu);
    while (!d->quit) {
        if (!d->armed) {
            pthread_cond_wait(&d->cv, &d->mu);
            continue;
        }
        long long deadline = d->deadline_ns;
        if (now_ns() >= deadline) {
            /* Still armed under the lock: the call has not returned, so the
             * hook cannot outlive it (disarming takes this lock first). */
            kp_sandbox_trip(sb, KP_STOP_TIME);
            d->armed = 0;
            continue;
        }
        struct timespec ts = {(time_t)(deadline / 1000000000LL), (long)(deadline % 1000000000LL)};
        int rc = pthread_cond_timedwait(&d->cv, &d->mu, &ts);
        (void)rc; /* woken or timed out: the loop looks at the state again */
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

int kp_watchdog_arm(kp_sandbox *sb, unsigned ms)
{
    struct kp_watchdog *d = &sb->dog;
    pthread_mutex_lock(&d->mu);
    if (!d->started) {
        d->quit = 0;
        if (pthread_create(&d->thread, NULL, watchdog_main, sb) != 0) {
            pthread_mutex_unlock(&d->mu);
            return -1;
        }
        d->started = 1;
    }
    d->armed = 1;
    d->deadline_ns = now_ns() + (long long)ms * 1000000LL;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    return 0;
}

void kp_watchdog_disarm(kp_sandbox *sb)
{
    struct kp_watchdog *d = &sb->dog;
    pthread_mutex_lock(&d->mu);
    d->armed = 0;
    pthread_mutex_unlock(&d->mu);
}

void kp_watchdog_stop(kp_sandbox *sb)
{
    struct kp_watchdog *d = &sb->dog;
    pthread_mutex_lock(&d->mu);
    int started = d->started;
    d->quit = 1;
    d->armed = 0;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    if (started)
        pthread_join(d->thread, NULL);
    d->started = 0;
}
