/* scope.c — keeping a county's upload to its own county (see scope.h). */
#include "web/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv/csv.h"
#include "csv/values.h"
#include "import/import.h"

#define MAX_KEYS 8

struct scope {
    sqlite3 *db;
    const struct kp_table *t;
    const char *path, *county;
    kp_scope_problem problem;
    void *ud;
    long problems;
    int unit_field;              /* CSV field of the unit column, or -1 */
    int key_field[MAX_KEYS];     /* CSV fields of the key, when the unit is not in it */
    const char *key_col[MAX_KEYS];
    size_t nkeys;
    sqlite3_stmt *unit_county, *owner;
};

static void say(struct scope *s, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(struct scope *s, long line, const char *column, const char *fmt, ...)
{
    if (++s->problems > KP_IMPORT_MAX_PROBLEMS_PER_FILE)
        return;
    char msg[600], full[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s:%ld: %s: %s", s->path, line, column, msg);
    s->problem(s->ud, full);
}

static const struct kp_table *table_of(const kp_registry *reg, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[256];
    size_t n = strlen(base);
    if (n > 4 && !strcasecmp(base + n - 4, ".csv"))
        n -= 4;
    if (n >= sizeof name)
        return NULL;
    memcpy(name, base, n);
    name[n] = '\0';
    return kp_registry_find_table(reg, name, NULL);
}

static const struct kp_column *column_named(const struct kp_table *t, const char *name, size_t n)
{
    for (size_t i = 0; i < t->ncolumns; i++) {
        const struct kp_column *c = &t->columns[i];
        if ((strlen(c->id) == n && !memcmp(c->id, name, n)) ||
            (strlen(c->title) == n && !memcmp(c->title, name, n)))
            return c;
    }
    return NULL;
}

static int prepare_owner(struct scope *s, const struct kp_column *unit)
{
    char sql[1024];
    int at = snprintf(sql, sizeof sql, "SELECT u.county FROM \"%s\" x JOIN units u ON u.code ="
                                       " x.\"%s\" WHERE 1", s->t->id, unit->id);
    for (size_t k = 0; k < s->nkeys && at < (int)sizeof sql; k++)
        at += snprintf(sql + at, sizeof sql - (size_t)at, " AND x.\"%s\" = ?%zu", s->key_col[k],
                       k + 1);
    return sqlite3_prepare_v2(s->db, sql, -1, &s->owner, NULL) == SQLITE_OK ? 0 : -1;
}

/* Find the unit and (when the unit is not a key column) the key fields in the header. */
static int read_header(struct scope *s, kp_csv *c)
{
    const struct kp_column *unit = NULL;
    int unit_in_key = 0;
    s->unit_field = -1;
    for (size_t i = 0; i < kp_csv_nfields(c); i++) {
        size_t len;
        const char *h = kp_csv_field(c, i, &len);
        kp_trim(&h, &len);
        const struct kp_column *col = column_named(s->t, h, len);
        if (!col)
            continue;
        if (col->type == KP_UNIT && s->unit_field < 0) {
            s->unit_field = (int)i;
            unit = col;
            unit_in_key = (col->flags & KP_COL_KEY) != 0;
        } else if ((col->flags & KP_COL_KEY) && s->nkeys < MAX_KEYS) {
            s->key_field[s->nkeys] = (int)i;
            s->key_col[s->nkeys++] = col->id;
        }
    }
    if (!unit)
        return 0; /* the import reports the missing column */
    if (sqlite3_prepare_v2(s->db, "SELECT county FROM units WHERE code = ?1", -1,
                           &s->unit_county, NULL) != SQLITE_OK)
        return -1;
    if (unit_in_key)
        s->nkeys = 0;
    return s->nkeys ? prepare_owner(s, unit) : 0;
}

static void check_unit(struct scope *s, kp_csv *c, const char *header)
{
    size_t len;
    const char *v = kp_csv_field(c, (size_t)s->unit_field, &len);
    if (!v)
        return;
    kp_trim(&v, &len);
    sqlite3_reset(s->unit_county);
    sqlite3_bind_text(s->unit_county, 1, v, (int)len, SQLITE_TRANSIENT);
    if (sqlite3_step(s->unit_county) != SQLITE_ROW)
        return; /* unknown units are the import's to report */
    const unsigned char *county = sqlite3_column_text(s->unit_county, 0);
    if (!county || strcmp((const char *)county, s->county))
        say(s, kp_csv_line(c), header, "\"%.*s\" 不属于本县（%s），县级账号只能提交本县的数据",
            (int)len, v, s->county);
}

/* A row whose key names a row stored by another county would take that row over. */
static void check_owner(struct scope *s, kp_csv *c)
{
    sqlite3_reset(s->owner);
    for (size_t k = 0; k < s->nkeys; k++) {
        size_t len;
        const char *v = kp_csv_field(c, (size_t)s->key_field[k], &len);
        if (!v)
            return;
        kp_trim(&v, &len);
        sqlite3_bind_text(s->owner, (int)k + 1, v, (int)len, SQLITE_TRANSIENT);
    }
    if (sqlite3_step(s->owner) != SQLITE_ROW)
        return;
    const unsigned char *county = sqlite3_column_text(s->owner, 0);
    if (county && strcmp((const char *)county, s->county))
        say(s, kp_csv_line(c), s->key_col[0], "这一行的编号已由其他县提交，县级账号不能修改其他县的数据");
}

long kp_scope_check(sqlite3 *db, const kp_registry *reg, const char *path, const char *county,
                    kp_scope_problem problem, void *ud)
{
    struct scope s = {.db = db, .path = path, .county = county, .problem = problem, .ud = ud};
    const char *base = strrchr(path, '/');
    if (!strcasecmp(base ? base + 1 : path, "units.csv")) {
        say(&s, 1, "单位", "单位表（units.csv）由市协会维护，县级账号不能上传");
        return s.problems;
    }
    if (!(s.t = table_of(reg, path)))
        return 0;
    kp_csv *c;
    kp_err e;
    if (kp_csv_open_file(&c, path, &e))
        return -1;
    long rc = 0;
    char header[128] = "";
    if (kp_csv_next(c, &e) != 1 || read_header(&s, c))
        goto out;
    if (s.unit_field >= 0) {
        const char *h = kp_csv_field(c, (size_t)s.unit_field, NULL);
        snprintf(header, sizeof header, "%s", h ? h : "unit");
    }
    while (s.unit_field >= 0 && (rc = kp_csv_next(c, &e)) == 1) {
        check_unit(&s, c, header);
        if (s.owner)
            check_owner(&s, c);
    }
out:
    sqlite3_finalize(s.unit_county);
    sqlite3_finalize(s.owner);
    kp_csv_close(c);
    return s.problems;
}
