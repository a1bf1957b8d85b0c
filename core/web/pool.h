/*
 * pool.h — connections to the store for the worker threads.  SQLite
 * connections must not be shared between threads mid-statement, so each
 * request borrows one for its whole life and gives it back when it ends.
 */
#ifndef KP_WEB_POOL_H
#define KP_WEB_POOL_H

#include "plugin/registry.h"
#include "store/store.h"

typedef struct kp_pool kp_pool;

int kp_pool_open(kp_pool **out, const char *path, const kp_registry *reg, kp_err *e);
/* A connection, opened when none is free; NULL with `e` set on failure. */
kp_store *kp_pool_take(kp_pool *p, kp_err *e);
void kp_pool_give(kp_pool *p, kp_store *s);
void kp_pool_close(kp_pool *p);

#endif
