/* pool.c — borrowed store connections (see pool.h). */
#include "web/pool.h"

#include <pthread.h>
#include <stdlib.h>

#define POOL_MAX 64

struct kp_pool {
    pthread_mutex_t lock;
    const char *path;
    kp_store *free[POOL_MAX];
    size_t nfree;
};

int kp_pool_open(kp_pool **out, const char *path, const kp_registry *reg, kp_err *e)
{
    kp_pool *p = calloc(1, sizeof *p);
    if (!p)
        return kp_fail(e, "out of memory");
    pthread_mutex_init(&p->lock, NULL);
    p->path = path;
    /* The first connection brings the plugins' tables up to date once, before
     * any worker runs, so that no two workers migrate at the same time. */
    kp_store *s;
    if (kp_store_open(&s, path, KP_STORE_EXISTING, e) || kp_store_migrate_plugins(s, reg, e)) {
        kp_pool_close(p);
        return -1;
    }
    p->free[p->nfree++] = s;
    *out = p;
    return 0;
}

kp_store *kp_pool_take(kp_pool *p, kp_err *e)
{
    kp_store *s = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->nfree)
        s = p->free[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    if (!s && kp_store_open(&s, p->path, KP_STORE_EXISTING, e))
        return NULL;
    return s;
}

void kp_pool_give(kp_pool *p, kp_store *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&p->lock);
    int kept = p->nfree < POOL_MAX;
    if (kept)
        p->free[p->nfree++] = s;
    pthread_mutex_unlock(&p->lock);
    if (!kept)
        kp_store_close(s);
}

void kp_pool_close(kp_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nfree; i++)
        kp_store_close(p->free[i]);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
