/*
 * manual_import.c — storing the scores assessors (or a county, for its
 * 自评) wrote into the form `kaoping template --manual` made.
 *
 * The form has one row per county and assessor-scored item; a row left
 * without points is not yet scored and is passed over, so a form can come
 * back half done.  Every other row is checked against the rules (the item
 * must be one of their manual items, the points within 0..its maximum) and
 * the unit tree; as with data imports, one bad row and nothing is stored,
 * and every problem is listed with its file:line: column.
 */
#include "assess/manual_import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv/csv.h"
#include "csv/values.h"

#define MAX_PROBLEMS 100

const struct kp_manual_column kp_manual_columns[KP_MCOL_COUNT] = {
    [KP_MCOL_UNIT] = {"unit", "单位代码", NULL},
    [KP_MCOL_UNIT_NAME] = {"unit_name", "单位名称", NULL},
    [KP_MCOL_YEAR] = {"year", "年度", NULL},
    [KP_MCOL_AREA] = {"area", "工作领域", NULL},
    [KP_MCOL_ITEM] = {"item", "考评项目代码", NULL},
    [KP_MCOL_TITLE] = {"title", "考评项目", NULL},
    [KP_MCOL_MAX] = {"max", "满分", NULL},
    [KP_MCOL_GUIDE] = {"guide", "评分标准", NULL},
    [KP_MCOL_POINTS] = {"points", "得分", "自评得分"},
    [KP_MCOL_ASSESSOR] = {"assessor", "评审人", NULL},
    [KP_MCOL_REASON] = {"reason", "评分理由", "自评说明"},
    [KP_MCOL_EVIDENCE] = {"evidence", "佐证材料", NULL},
};

struct importer {
    const kp_rules *rules;
    const char *path;
    FILE *errs;
    sqlite3_stmt *unit, *insert;
    int col[KP_MCOL_COUNT]; /* field index of each column, -1 when absent */
    int self;
    char now[32];
    kp_manual_import_summary *sum;
};

static void problem(struct importer *im, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct importer *im, long line, int col, const char *fmt, ...)
{
    if (++im->sum->problems > MAX_PROBLEMS)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col >= 0)
        fprintf(im->errs, "%s:%ld: %s: %s\n", im->path, line, kp_manual_columns[col].title, msg);
    else
        fprintf(im->errs, "%s:%ld: %s\n", im->path, line, msg);
}

static int column_of(const char *name)
{
    for (int i = 0; i < KP_MCOL_COUNT; i++) {
        const struct kp_manual_column *c = &kp_manual_columns[i];
        if (!strcmp(name, c->id) || !strcmp(name, c->title) || (c->alt && !strcmp(name, c->alt)))
            return i;
    }
    return -1;
}

static void read_header(struct importer *im, kp_csv *c)
{
    for (int i = 0; i < KP_MCOL_COUNT; i++)
        im->col[i] = -1;
    for (size_t f = 0; f < kp_csv_nfields(c); f++) {
        size_t len;
        const char *name = kp_csv_field(c, f, &len);
        kp_trim(&name, &len);
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < 127 ? len : 127), name);
        int col = column_of(buf);
        if (col < 0)
            problem(im, kp_csv_line(c), -1, "unknown column '%s' (the form's columns are those "
                    "'kaoping template --manual' writes)", buf);
        else
            im->col[col] = (int)f;
    }
    static const int required[] = {KP_MCOL_UNIT, KP_MCOL_YEAR, KP_MCOL_AREA, KP_MCOL_ITEM,
                                   KP_MCOL_POINTS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (im->col[required[i]] < 0)
            problem(im, kp_csv_line(c), -1, "the column %s (%s) is missing",
                    kp_manual_columns[required[i]].title, kp_manual_columns[required[i]].id);
}

/* A field of the current row, trimmed; "" when the column is absent. */
static const char *field(struct importer *im, kp_csv *c, int col, char *buf, size_t size)
{
    buf[0] = 0;
    if (im->col[col] < 0)
        return buf;
    size_t len;
    const char *s = kp_csv_field(c, (size_t)im->col[col], &len);
    if (!s)
        return buf;
    kp_trim(&s, &len);
    snprintf(buf, size, "%.*s", (int)(len < size - 1 ? len : size - 1), s);
    return buf;
}

static const kp_rule_item *find_item(const kp_rules *r, const char *area, const char *item)
{
    for (size_t i = 0; i < r->nareas; i++) {
        if (strcmp(r->areas[i].id, area) != 0)
            continue;
        for (size_t j = 0; j < r->areas[i].nitems; j++)
            if (!strcmp(r->areas[i].items[j].id, item))
                return &r->areas[i].items[j];
    }
    return NULL;
}

/* 0: the unit is a county; 1: it is not; -1: the database failed. */
static int check_county(struct importer *im, const char *code)
{
    sqlite3_reset(im->unit);
    sqlite3_bind_text(im->unit, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(im->unit);
    if (rc == SQLITE_ROW)
        return sqlite3_column_int(im->unit, 0) == 2 ? 0 : 1;
    return rc == SQLITE_DONE ? 1 : -1;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (*s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Check one row and store it; -1 only when the database fails. */
static int import_row(struct importer *im, kp_csv *c, sqlite3 *db, kp_err *e)
{
    long line = kp_csv_line(c);
    char unit[64], year_s[32], area[64], item[128], pts[64], assessor[256], reason[2048],
        evidence[1024];
    field(im, c, KP_MCOL_POINTS, pts, sizeof pts);
    if (!*pts) {
        im->sum->blank++;
        return 0;
    }
    field(im, c, KP_MCOL_UNIT, unit, sizeof unit);
    field(im, c, KP_MCOL_YEAR, year_s, sizeof year_s);
    field(im, c, KP_MCOL_AREA, area, sizeof area);
    field(im, c, KP_MCOL_ITEM, item, sizeof item);
    long before = im->sum->problems;
    int county = check_county(im, unit);
    if (county < 0)
        return kp_sql_fail(e, db, "reading the units");
    if (county)
        problem(im, line, KP_MCOL_UNIT, "'%s' is not a county (县市区) in units.csv", unit);
    int year = 0;
    const char *expected;
    if (kp_parse_year(year_s, strlen(year_s), &year, &expected) < 0)
        problem(im, line, KP_MCOL_YEAR, "'%s': %s", year_s, expected);
    else if (year != im->rules->year)
        problem(im, line, KP_MCOL_YEAR, "%d, but %s assesses %d", year, im->rules->path,
                im->rules->year);
    const kp_rule_item *it = find_item(im->rules, area, item);
    if (!it || !it->manual)
        problem(im, line, KP_MCOL_ITEM, "'%s' of area '%s' is not an assessor-scored item "
                "(rule = manual { ... }) of %s", item, area, im->rules->path);
    double points;
    if (kp_parse_real(pts, strlen(pts), 0, &points, &expected) < 0)
        problem(im, line, KP_MCOL_POINTS, "'%s': %s", pts, expected);
    else if (it && it->manual && points > it->points + 1e-9)
        problem(im, line, KP_MCOL_POINTS, "%s is outside 0..%g, the points of '%s'", pts,
                it->points, it->title);
    if (im->sum->problems != before)
        return 0;

    sqlite3_stmt *st = im->insert;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, area, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, item, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, im->self ? "self" : "assessor", -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 6, points);
    bind_text_or_null(st, 7, field(im, c, KP_MCOL_ASSESSOR, assessor, sizeof assessor));
    bind_text_or_null(st, 8, field(im, c, KP_MCOL_REASON, reason, sizeof reason));
    bind_text_or_null(st, 9, field(im, c, KP_MCOL_EVIDENCE, evidence, sizeof evidence));
    sqlite3_bind_text(st, 10, im->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, im->path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 12, line);
    if (sqlite3_step(st) != SQLITE_DONE)
        return kp_sql_fail(e, db, "storing a score");
    im->sum->stored++;
    return 0;
}

static int read_rows(struct importer *im, kp_csv *c, sqlite3 *db, kp_err *e)
{
    int r = kp_csv_next(c, e);
    if (r <= 0)
        return r < 0 ? -1 : kp_fail(e, "%s: the file is empty (no header line)", im->path);
    read_header(im, c);
    if (im->sum->problems)
        return 0;
    while ((r = kp_csv_next(c, e)) == 1)
        if (import_row(im, c, db, e) < 0)
            return -1;
    return r;
}

int kp_manual_import(sqlite3 *db, const kp_rules *rules, const char *path, int self, FILE *errs,
                     kp_manual_import_summary *sum, kp_err *e)
{
    memset(sum, 0, sizeof *sum);
    struct importer im = {.rules = rules, .path = path, .errs = errs, .self = self, .sum = sum};
    time_t t = time(NULL);
    struct tm tm;
    strftime(im.now, sizeof im.now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    kp_csv *c = NULL;
    if (kp_csv_open_file(&c, path, e) < 0)
        return -1;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT level FROM units WHERE code = ?", -1, &im.unit, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO manual_scores(unit, year, area, item, source, points, "
                               "assessor, reason, evidence, scored_at, file, line) "
                               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", -1, &im.insert, NULL)) {
        kp_sql_fail(e, db, "preparing the score import");
        goto out;
    }
    if (kp_sql_exec(db, "BEGIN IMMEDIATE", "starting the score import", e) < 0)
        goto out;
    rc = read_rows(&im, c, db, e);
    if (rc == 0 && sum->problems)
        rc = kp_fail(e, "%s: %ld problem%s found%s; nothing was imported", path, sum->problems,
                     sum->problems == 1 ? "" : "s",
                     sum->problems > MAX_PROBLEMS ? " (the first 100 are listed)" : "");
    if (rc == 0)
        rc = kp_sql_exec(db, "COMMIT", "storing the scores", e);
    if (rc < 0)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
out:
    sqlite3_finalize(im.unit);
    sqlite3_finalize(im.insert);
    kp_csv_close(c);
    return rc;
}
