/*
 * registry.h — the plugin host: loading work-area plugins, and evaluating
 * their indicators.
 */
#ifndef KP_PLUGIN_REGISTRY_H
#define KP_PLUGIN_REGISTRY_H

#include <stddef.h>

#include "kaoping/plugin.h"
#include "store/store.h"
#include "util/err.h"

typedef struct kp_registry kp_registry;

/* Called for each plugin file that was refused; loading goes on. */
typedef void (*kp_refusal_fn)(void *ud, const char *path, const char *why);

/*
 * Load every plugin: from $KAOPING_PLUGIN_PATH (colon-separated folders),
 * then from the build tree when the running binary lives there, otherwise from
 * the installed plugin folder.  A refused file is reported through `refused`
 * (or to stderr when NULL) and skipped.  Fails only when nothing can be set up.
 */
int kp_registry_load(kp_registry **out, kp_refusal_fn refused, void *ud, kp_err *e);
/* Load the plugin files or folders in `paths` only (tests, tools). */
int kp_registry_load_paths(kp_registry **out, const char *const *paths, size_t npaths,
                           kp_refusal_fn refused, void *ud, kp_err *e);
void kp_registry_free(kp_registry *r);

size_t kp_registry_count(const kp_registry *r);
const struct kp_plugin *kp_registry_plugin(const kp_registry *r, size_t i);
const char *kp_registry_plugin_path(const kp_registry *r, size_t i);
const struct kp_plugin *kp_registry_find_plugin(const kp_registry *r, const char *id);
/* A table by id, with the plugin that owns it; NULL when none does. */
const struct kp_table *kp_registry_find_table(const kp_registry *r, const char *id,
                                              const struct kp_plugin **owner);
/* An indicator by "plugin.indicator"; NULL when none is loaded. */
const struct kp_indicator *kp_registry_find_indicator(const kp_registry *r, const char *qid,
                                                      const struct kp_plugin **owner);

/* Create or extend every loaded plugin's tables in the store (never drops data). */
int kp_store_migrate_plugins(kp_store *s, const kp_registry *r, kp_err *e);

/* ---- Evaluating indicators ---------------------------------------------- */

enum kp_result_status { KP_RESULT_VALUE, KP_RESULT_NO_DATA, KP_RESULT_FAILED };

typedef struct kp_figure {
    char *name;
    double value;
} kp_figure;

typedef struct kp_evidence {
    char *key;     /* unit code, family id, month ...                       */
    char *name;    /* the unit's name when key is a unit code, else ""      */
    char *detail;  /* what is wrong with it, may be ""                      */
} kp_evidence;

typedef struct kp_indicator_result {
    int status;            /* enum kp_result_status                           */
    double value;          /* when KP_RESULT_VALUE                            */
    char *message;         /* no-data reason or failure message, else NULL    */
    kp_figure *figures;
    size_t nfigures;
    kp_evidence *evidence;
    size_t nevidence;
} kp_indicator_result;

typedef struct kp_evaluator kp_evaluator;

/* An evaluator owns a read-only connection to the database and a cache of
 * prepared statements; use one per thread.  It sees the data as they were
 * when it was opened (one read transaction), whatever is imported meanwhile;
 * open a new one to see later changes. */
int kp_evaluator_open(kp_evaluator **out, const kp_registry *r, const char *db_path, kp_err *e);
void kp_evaluator_close(kp_evaluator *ev);

/*
 * Compute one indicator for one county and year.  Returns 0 whenever a result
 * was produced — including KP_RESULT_FAILED when the plugin failed or returned
 * garbage (the message then names the plugin and indicator) — and -1 only
 * when the host itself could not work.
 */
int kp_evaluate(kp_evaluator *ev, const struct kp_plugin *p, const struct kp_indicator *ind,
                const char *county, int year, kp_indicator_result *out, kp_err *e);
void kp_indicator_result_free(kp_indicator_result *res);

#endif
