/* upload.c — running an upload (see upload.h). */
#include "web/upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "web/audit.h"
#include "web/scope.h"
#include "web/status.h"
#include "web/wording.h"

struct collect {
    kp_req *r;
    json_t *problems, *files;
};

/* "/tmp/…/0/x.csv:12: 单位代码: message" → the name the user gave, and its parts. */
static json_t *split_problem(const kp_req *r, const char *msg)
{
    const char *file = "", *rest = msg;
    for (size_t i = 0; i < r->nfiles; i++) {
        size_t n = strlen(r->files[i].path);
        if (!strncmp(msg, r->files[i].path, n) && msg[n] == ':') {
            file = r->files[i].client_name;
            rest = msg + n + 1;
            break;
        }
    }
    char *end;
    long line = strtol(rest, &end, 10);
    if (end != rest && end[0] == ':' && end[1] == ' ')
        rest = end + 2;
    char column[128] = "";
    const char *sep = strstr(rest, ": ");
    if (sep && (size_t)(sep - rest) < sizeof column && !memchr(rest, '"', (size_t)(sep - rest)) &&
        !memchr(rest, ' ', (size_t)(sep - rest))) {
        memcpy(column, rest, (size_t)(sep - rest));
        column[sep - rest] = '\0';
        rest = sep + 2;
    }
    char value[256] = "";
    const char *q = strchr(rest, '"');
    const char *q2 = q ? strchr(q + 1, '"') : NULL;
    if (q2 && (size_t)(q2 - q - 1) < sizeof value) {
        memcpy(value, q + 1, (size_t)(q2 - q - 1));
        value[q2 - q - 1] = '\0';
    }
    char zh[4096];
    kp_wording_zh(rest, zh, sizeof zh);
    return json_pack("{s:s, s:I, s:s, s:s, s:s}", "file", file, "row", (json_int_t)line,
                     "column", column, "value", value, "message", zh);
}

static void on_problem(void *ud, const char *msg)
{
    struct collect *c = ud;
    json_array_append_new(c->problems, split_problem(c->r, msg));
}

static const char *client_name_of(const kp_req *r, const char *path)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (!strcmp(r->files[i].path, path))
            return r->files[i].client_name;
    return path;
}

static void on_file(void *ud, const kp_import_file_stats *st)
{
    struct collect *c = ud;
    const struct kp_table *t = kp_registry_find_table(c->r->web->reg, st->table, NULL);
    json_array_append_new(c->files,
        json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "file", client_name_of(c->r, st->path),
                  "table", st->table, "title", t ? t->title : st->table, "rows",
                  (json_int_t)st->rows, "added", (json_int_t)st->added, "replaced",
                  (json_int_t)st->replaced, "unchanged", (json_int_t)st->unchanged));
}

static int record_file(sqlite3 *db, long import_id, size_t seq, json_t *f, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_submission_files VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "submissions");
    sqlite3_bind_int64(st, 1, import_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
    sqlite3_bind_text(st, 3, json_string_value(json_object_get(f, "table")), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, json_string_value(json_object_get(f, "file")), -1, SQLITE_STATIC);
    static const char *const counts[] = {"rows", "added", "replaced", "unchanged"};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int64(st, 5 + i, json_integer_value(json_object_get(f, counts[i])));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "submissions");
}

/* Who sent the import, for the status pages. */
static int record(kp_req *r, const char *unit, long import_id, json_t *files, kp_err *e)
{
    sqlite3 *db = kp_store_db(r->store);
    if (kp_store_begin(r->store, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_submissions(import_id, unit, user_id, on_behalf, at)"
                               " VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail_sql;
    sqlite3_bind_int64(st, 1, import_id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, r->user.id);
    sqlite3_bind_int(st, 4, strcmp(r->user.role, "county") != 0);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        goto fail_sql;
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
        if (record_file(db, import_id, i, f, e))
            goto fail;
    return kp_store_commit(r->store, e);
fail_sql:
    kp_sql_fail(e, db, "submissions");
fail:
    kp_store_rollback(r->store);
    return -1;
}

static void audit_upload(kp_req *r, const char *unit, const char *outcome)
{
    char detail[1024];
    int at = snprintf(detail, sizeof detail, "%s%s：%s；文件：", unit,
                      strcmp(r->user.role, "county") ? "（代县上传）" : "", outcome);
    for (size_t i = 0; i < r->nfiles && at < (int)sizeof detail; i++)
        at += snprintf(detail + at, sizeof detail - (size_t)at, "%s%s", i ? "、" : "",
                       r->files[i].client_name);
    kp_err e;
    if (kp_audit(kp_store_db(r->store), r->user.name, r->addr, "upload", detail, &e))
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
}

static unsigned scope_all(kp_req *r, const char *unit, struct collect *c, long *problems)
{
    *problems = 0;
    for (size_t i = 0; i < r->nfiles; i++) {
        long n = kp_scope_check(kp_store_db(r->store), r->web->reg, r->files[i].path, unit,
                                on_problem, c);
        *problems += n > 0 ? n : 0;
    }
    return *problems ? 422 : 0;
}

static unsigned import_all(kp_req *r, struct collect *c, long *import_id, char *msg, size_t n)
{
    const char *paths[KP_REQ_MAX_FILES];
    for (size_t i = 0; i < r->nfiles; i++)
        paths[i] = r->files[i].path;
    kp_import_hooks hooks = {.ud = c, .problem = on_problem, .file_done = on_file};
    kp_import_totals t;
    kp_err e;
    if (kp_import(r->store, r->web->reg, paths, r->nfiles, &hooks, &t, &e) == 0) {
        *import_id = t.import_id;
        return 200;
    }
    if (t.problems) {
        snprintf(msg, n, "发现 %ld 处问题，所有文件均未导入", t.problems);
        return 422;
    }
    fprintf(stderr, "kaoping serve: import: %s\n", e.msg);
    snprintf(msg, n, "数据库繁忙或出错，未导入任何数据，请稍后重试");
    return 503;
}

unsigned kp_upload_open(kp_req *r, char *msg, size_t n)
{
    if (strcmp(r->user.role, "county"))
        return 0;
    /* The year asked for is the client's to choose, so the server's own
     * year counts too: naming a year without a deadline opens nothing. */
    kp_err e;
    int year = kp_req_year(r);
    int open = kp_deadline_open(kp_store_db(r->store), year, &e);
    if (open > 0 && year != r->web->default_year) {
        year = r->web->default_year;
        open = kp_deadline_open(kp_store_db(r->store), year, &e);
    }
    if (open < 0) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        snprintf(msg, n, "服务器内部错误");
        return 500;
    }
    if (!open)
        snprintf(msg, n, "%d 年度的提交已截止；如需补交，请联系市协会重新开放", year);
    return open ? 0 : 403;
}

static unsigned precheck(kp_req *r, char *msg, size_t n)
{
    if (r->nfiles == 0) {
        snprintf(msg, n, "请选择要上传的文件");
        return 400;
    }
    return kp_upload_open(r, msg, n);
}

unsigned kp_upload_run(kp_req *r, const char *unit, json_t **out)
{
    struct collect c = {r, json_array(), json_array()};
    char msg[256] = "上传成功，数据已保存";
    long import_id = 0;
    unsigned status = precheck(r, msg, sizeof msg);
    long found;
    if (!status && (status = scope_all(r, unit, &c, &found)))
        snprintf(msg, sizeof msg, "发现 %ld 处问题，所有文件均未导入", found);
    if (!status)
        status = import_all(r, &c, &import_id, msg, sizeof msg);
    kp_err e;
    if (status == 200 && record(r, unit, import_id, c.files, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        snprintf(msg, sizeof msg, "数据已导入，但提交记录未能保存：%s", e.msg);
    }
    audit_upload(r, unit, status == 200 ? "已导入" : msg);
    *out = json_pack("{s:b, s:s, s:s, s:o, s:o, s:I, s:i}", "ok", status == 200, "unit", unit,
                     "message", msg, "problems", c.problems, "files", c.files, "import_id",
                     (json_int_t)import_id, "problem_count", (int)json_array_size(c.problems));
    return status;
}
