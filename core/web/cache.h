/*
 * cache.h — rendered views that are the same for every reader until the
 * data changes (the city matrix: a hundred counties by seventeen tables).
 * An entry is keyed by what it shows and by the data's version, so a new
 * import simply makes a new key; the cache holds a few entries and drops
 * the oldest.
 */
#ifndef KP_WEB_CACHE_H
#define KP_WEB_CACHE_H

#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"

/* The data's version: changes with every import, submission or undo. */
int kp_data_version(sqlite3 *db, char *out, size_t n, kp_err *e);

/* Append the cached text for `key` to `out`; 1 when found, 0 when not, -1 out of memory. */
int kp_cache_get(const char *key, kp_buf *out);
/* The newest entry whose key starts with `prefix` (a view of older data), as kp_cache_get. */
int kp_cache_get_latest(const char *prefix, kp_buf *out);
void kp_cache_put(const char *key, const char *text, size_t n);
/* Free every entry (at server stop). */
void kp_cache_clear(void);

#endif
