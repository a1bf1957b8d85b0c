/* throttle.c — failed-login counts (see throttle.h). */
#include "web/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SLOTS 4096

struct slot {
    char key[96]; /* "u:name" or "a:address" */
    time_t first; /* start of the window */
    int failures;
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

/* The slot for `key`; a stale or colliding slot is taken over (losing counts
 * only for keys that were idle, or under a flood of distinct keys). */
static struct slot *find(const char *key, time_t now)
{
    struct slot *s = &slots[hash(key) % SLOTS];
    if (strcmp(s->key, key) || now - s->first > KP_THROTTLE_WINDOW_S) {
        if (!strcmp(s->key, key) || s->failures == 0 || now - s->first > KP_THROTTLE_WINDOW_S) {
            snprintf(s->key, sizeof s->key, "%s", key);
            s->first = now;
            s->failures = 0;
        }
    }
    return s;
}

static long wait_of(const char *key, int limit, time_t now)
{
    struct slot *s = find(key, now);
    if (strcmp(s->key, key) || s->failures < limit)
        return 0;
    return (long)(s->first + KP_THROTTLE_WINDOW_S - now) + 1;
}

static void keys(const char *name, const char *addr, char u[96], char a[96])
{
    snprintf(u, 96, "u:%s", name);
    snprintf(a, 96, "a:%s", addr);
}

long kp_throttle_wait(const char *name, const char *addr)
{
    char u[96], a[96];
    keys(name, addr, u, a);
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    long wu = wait_of(u, KP_THROTTLE_PER_ACCOUNT, now);
    long wa = wait_of(a, KP_THROTTLE_PER_ADDRESS, now);
    pthread_mutex_unlock(&lock);
    return wu > wa ? wu : wa;
}

static void count(const char *key, time_t now)
{
    struct slot *s = find(key, now);
    if (!strcmp(s->key, key))
        s->failures++;
}

void kp_throttle_failed(const char *name, const char *addr)
{
    char u[96], a[96];
    keys(name, addr, u, a);
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    count(u, now);
    count(a, now);
    pthread_mutex_unlock(&lock);
}

void kp_throttle_passed(const char *name)
{
    char u[96];
    snprintf(u, sizeof u, "u:%s", name);
    pthread_mutex_lock(&lock);
    struct slot *s = &slots[hash(u) % SLOTS];
    if (!strcmp(s->key, u))
        s->failures = 0;
    pthread_mutex_unlock(&lock);
}
