/* cache.c — a few rendered views, keyed by data version (see cache.h). */
#include "web/cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRIES 8

struct entry {
    char key[160];
    char *text;
    size_t n;
    unsigned long used;
};

static struct entry entries[ENTRIES];
static unsigned long clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int kp_data_version(sqlite3 *db, char *out, size_t n, kp_err *e)
{
    sqlite3_stmt *st;
    /* Counting imports alone would make undoing one import and then another
     * look like the same data; the data version is raised by every change. */
    if (sqlite3_prepare_v2(db, "SELECT (SELECT max(id) FROM kp_imports),"
                               " (SELECT count(*) FROM kp_imports),"
                               " (SELECT max(import_id) FROM kp_submissions),"
                               " (SELECT count(*) FROM kp_submissions),"
                               " (SELECT CAST(value AS INTEGER) FROM kp_meta"
                               " WHERE key = 'data_version')",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "version");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, n, "%lld.%lld.%lld.%lld.%lld", (long long)sqlite3_column_int64(st, 0),
                 (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2),
                 (long long)sqlite3_column_int64(st, 3), (long long)sqlite3_column_int64(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : kp_sql_fail(e, db, "version");
}

int kp_cache_get(const char *key, kp_buf *out)
{
    int rc = 0;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ENTRIES; i++)
        if (entries[i].text && !strcmp(entries[i].key, key)) {
            entries[i].used = ++clock_;
            rc = kp_buf_append(out, entries[i].text, entries[i].n) ? -1 : 1;
            break;
        }
    pthread_mutex_unlock(&lock);
    return rc;
}

int kp_cache_get_latest(const char *prefix, kp_buf *out)
{
    int rc = 0;
    size_t n = strlen(prefix);
    pthread_mutex_lock(&lock);
    struct entry *best = NULL;
    for (size_t i = 0; i < ENTRIES; i++)
        if (entries[i].text && !strncmp(entries[i].key, prefix, n) &&
            (!best || entries[i].used > best->used))
            best = &entries[i];
    if (best)
        rc = kp_buf_append(out, best->text, best->n) ? -1 : 1;
    pthread_mutex_unlock(&lock);
    return rc;
}

void kp_cache_put(const char *key, const char *text, size_t n)
{
    char *copy = malloc(n + 1);
    if (!copy)
        return; /* not cached: the next reader renders again */
    memcpy(copy, text, n);
    copy[n] = '\0';
    pthread_mutex_lock(&lock);
    struct entry *victim = &entries[0];
    for (size_t i = 0; i < ENTRIES; i++) {
        if (entries[i].text && !strcmp(entries[i].key, key)) {
            victim = &entries[i];
            break;
        }
        if (entries[i].used < victim->used)
            victim = &entries[i];
    }
    free(victim->text);
    snprintf(victim->key, sizeof victim->key, "%s", key);
    victim->text = copy;
    victim->n = n;
    victim->used = ++clock_;
    pthread_mutex_unlock(&lock);
}

void kp_cache_clear(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ENTRIES; i++) {
        free(entries[i].text);
        entries[i].text = NULL;
        entries[i].used = 0;
    }
    pthread_mutex_unlock(&lock);
}
