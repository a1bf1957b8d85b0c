/* run.c — finding a stored assessment run (see run.h). */
#include "report/run.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int kp_run_info_load(kp_run_info *out, const char *db_path, long id, kp_err *e)
{
    memset(out, 0, sizeof *out);
    sqlite3 *db;
    if (kp_store_open_reader(&db, db_path, e))
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, year, rules_path, created_at,"
                           " CAST(strftime('%s', created_at) AS INTEGER), official, label"
                           " FROM assessment_runs WHERE ?1 = 0 OR id = ?1"
                           /* none named: the official run of the newest year, else its
                            * latest draft (as kp_runs_default) */
                           " ORDER BY year DESC, official DESC, id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, db_path);
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        if (id)
            kp_fail(e, "%s: there is no assessment run %ld; 'kaoping results' lists them",
                    db_path, id);
        else
            kp_fail(e, "%s: no assessment has been run yet; run 'kaoping assess' first", db_path);
        goto out;
    }
    if (step != SQLITE_ROW) {
        kp_sql_fail(e, db, db_path);
        goto out;
    }
    out->id = (long)sqlite3_column_int64(st, 0);
    out->year = sqlite3_column_int(st, 1);
    const char *rules = (const char *)sqlite3_column_text(st, 2);
    const char *created = (const char *)sqlite3_column_text(st, 3);
    out->rules = strdup(rules ? rules : "");
    out->created = strdup(created ? created : "");
    out->created_epoch = sqlite3_column_int64(st, 4);
    out->official = sqlite3_column_int(st, 5);
    const char *label = (const char *)sqlite3_column_text(st, 6);
    out->label = strdup(label ? label : "");
    if (!out->rules || !out->created || !out->label) {
        kp_run_info_free(out);
        kp_fail(e, "out of memory");
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    return rc;
}

void kp_run_info_free(kp_run_info *r)
{
    free(r->rules);
    free(r->created);
    free(r->label);
    r->rules = r->created = r->label = NULL;
}
