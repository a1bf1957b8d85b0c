/* undo.c — undoing a submission from the web (see undo.h). */
#include "web/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/undo.h"
#include "web/audit.h"
#include "web/upload.h"

long kp_undo_id(const char *arg)
{
    char *end;
    long id = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || end == arg || id <= 0 || (*end && strcmp(end, "/undo")))
        return 0;
    return id;
}

/* The county the submission was for: 1 found, 0 none, -1 error. */
static int submission_unit(sqlite3 *db, long id, char *unit, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT unit FROM kp_submissions WHERE import_id = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(unit, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The import layer's refusals, said to the county.  Returns 0 when `msg`
 * is not a refusal but a failure. */
static int refusal_zh(const char *msg, char *out, size_t n)
{
    const char *later = strstr(msg, "cannot be undone yet: import ");
    if (later) {
        later += strlen("cannot be undone yet: import ");
        const char *end = strstr(later, " changed");
        int len = end ? (int)(end - later) : 0;
        snprintf(out, n, "之后的提交（编号 %.*s）又改动了同样的数据，需先撤销之后的提交", len,
                 later);
        return 1;
    }
    if (strstr(msg, "cannot be undone: a later import")) {
        snprintf(out, n, "之后的提交又存入了与这次提交删去的数据关键字段相同的行，需先撤销之后的提交");
        return 1;
    }
    return 0;
}

static void audit_undo(kp_req *r, const char *unit, long id, const char *outcome)
{
    char detail[512];
    snprintf(detail, sizeof detail, "%s%s：撤销提交 %ld：%s", unit,
             strcmp(r->user.role, "county") ? "（代县撤销）" : "", id, outcome);
    kp_err e;
    if (kp_audit(kp_store_db(r->store), r->user.name, r->addr, "undo", detail, &e))
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
}

/* Find the submission and check the account may undo it. */
static unsigned may_undo(kp_req *r, long id, char *unit, size_t un, char *msg, size_t n)
{
    int found = submission_unit(kp_store_db(r->store), id, unit, un);
    if (found < 0) {
        fprintf(stderr, "kaoping serve: %s\n", sqlite3_errmsg(kp_store_db(r->store)));
        snprintf(msg, n, "服务器内部错误");
        return 500;
    }
    /* Another county's submission is answered as if it did not exist, so
     * that ids say nothing about the other counties. */
    if (!found || (!strcmp(r->user.role, "county") && strcmp(unit, r->user.unit))) {
        snprintf(msg, n, "没有编号为 %ld 的提交", id);
        snprintf(unit, un, "%s", strcmp(r->user.role, "county") ? "" : r->user.unit);
        return 404;
    }
    return kp_upload_open(r, msg, n);
}

unsigned kp_undo_run(kp_req *r, long id, json_t **out)
{
    char unit[64] = "", msg[512];
    long rows = 0;
    unsigned status = may_undo(r, id, unit, sizeof unit, msg, sizeof msg);
    kp_err e;
    if (!status && kp_import_undo(r->store, id, &rows, &e)) {
        status = refusal_zh(e.msg, msg, sizeof msg) ? 409 : 503;
        if (status == 503) {
            fprintf(stderr, "kaoping serve: undo: %s\n", e.msg);
            snprintf(msg, sizeof msg, "数据库繁忙或出错，未撤销任何数据，请稍后重试");
        }
    }
    if (!status) {
        status = 200;
        snprintf(msg, sizeof msg, "已撤销提交 %ld：%ld 行数据恢复为提交前的样子", id, rows);
    }
    audit_undo(r, unit, id, status == 200 ? "已撤销" : msg);
    *out = json_pack("{s:b, s:I, s:s, s:I, s:s}", "ok", status == 200, "import_id",
                     (json_int_t)id, "unit", unit, "rows", (json_int_t)rows, "message", msg);
    return status;
}
