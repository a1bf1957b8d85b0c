/*
 * undo.h — seeing and undoing what imports changed.
 *
 * Every import (and every `kaoping delete`) is a row of kp_imports with the
 * images of the rows it replaced or removed and the list of rows it added
 * (see images.h).  Undoing one puts those rows back under their old rowids
 * and forgets the import, so the tables are as they were before it.  An
 * import whose rows a later import changed again is undone only after that
 * later one.
 */
#ifndef KP_IMPORT_UNDO_H
#define KP_IMPORT_UNDO_H

#include "kaoping/plugin.h"
#include "plugin/registry.h"
#include "store/store.h"

typedef struct kp_import_record {
    long id;
    const char *started, *os_user, *kind, *files; /* files: one per line */
    long added, replaced, removed, unchanged;
} kp_import_record;

/* Every import, oldest first. */
int kp_imports_each(kp_store *s, int (*fn)(void *ud, const kp_import_record *r), void *ud,
                    kp_err *e);

/* Undo import `id`; *rows says how many rows were put back or taken out. */
int kp_import_undo(kp_store *s, long id, long *rows, kp_err *e);

typedef struct kp_delete_request {
    const char *table;
    const char *unit;  /* a county (all its units' rows) or one unit */
    int year;          /* 0: every year */
    int dry_run;       /* only show */
} kp_delete_request;

/*
 * Remove the rows `rq` names as one import (undoable).  `show` is called with
 * each row's key, as "col=value, ..." text, before anything is removed;
 * *import_id is 0 for a dry run.  Fails when nothing matches.
 */
int kp_import_delete(kp_store *s, const kp_registry *reg, const kp_delete_request *rq,
                     void (*show)(void *ud, const char *row), void *ud, long *removed,
                     long *import_id, kp_err *e);

#endif
