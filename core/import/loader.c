/*
 * loader.c — one file (CSV or a worksheet, through the row stream) into one table.
 *
 * The header decides which table columns the file carries (by English id or
 * Chinese title, in any order).  Each record is parsed field by field against
 * its column's type and appended to the staging table; stage.c then decides,
 * set-based, what the file adds, replaces and removes.  Memory stays flat:
 * the reader streams, the stage lives in SQLite's temporary store, and
 * nothing per row outlives the row.
 */
#include "import/loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv/values.h"
#include "import/stage.h"
#include "sheet/rows.h"
#include "store/units.h"
#include "util/buf.h"

#define MAX_COLS 64
#define PROGRESS_EVERY 65536

enum { V_NULL, V_INT, V_REAL, V_TEXT };

struct value {
    int kind;
    int64_t i;
    double d;
    const char *s;
    size_t len;
    char date[16];
};

struct loader {
    sqlite3 *db;
    const struct kp_table *t;
    const char *path;
    long import_id;
    const kp_import_options *opt;
    const kp_import_hooks *hooks;
    kp_import_file_stats *st;
    long problems;          /* in this file */
    long shown, hidden;     /* of them: listed one by one, and past the cap */
    long *run_problems;     /* in the whole run */
    kp_rows *rows;
    size_t ncsv;            /* fields in the header */
    int map[MAX_COLS];      /* csv field -> table column */
    char *header[MAX_COLS]; /* header text as written, for messages */
    int present[MAX_COLS];  /* table column -> csv field, or -1 */
    struct value v[MAX_COLS];
    sqlite3_stmt *stage, *unit;
    char last_unit[64], last_county[64];
    int last_level;
    int county_col;         /* the column that places a row in a county, or -1 */
    char row_county[64];    /* that column's county in the current row */
    struct repeat {
        const char *fmt;
        int field;
        long count;
        char first[600];
    } repeats[16];
};

/* After this many problems of one kind in a file, the rest are only counted. */
#define REPEATS_SHOWN 5

static const char *const level_spellings[] = {"市", "县", "乡", "村", NULL};

static const struct kp_column units_columns[] = {
    {.id = "code", .title = "单位代码", .type = KP_TEXT, .flags = KP_COL_KEY},
    {.id = "name", .title = "单位名称", .type = KP_TEXT, .flags = KP_COL_REQUIRED},
    {.id = "level", .title = "层级", .type = KP_LEVEL_COLUMN, .flags = KP_COL_REQUIRED,
     .allowed = level_spellings},
    {.id = "parent", .title = "上级代码", .type = KP_TEXT},
};

const struct kp_table kp_units_table = {
    .id = "units", .title = "单位", .columns = units_columns,
    .ncolumns = sizeof units_columns / sizeof units_columns[0]};

static void problem(struct loader *L, long line, int field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Count a problem of kind `fmt` in header field `field`; 0 when it is to be shown, 1 when it only counts. */
static int repeated(struct loader *L, const char *fmt, int field, const char *place)
{
    for (size_t i = 0; i < sizeof L->repeats / sizeof L->repeats[0]; i++) {
        struct repeat *r = &L->repeats[i];
        if (!r->fmt) {
            r->fmt = fmt;
            r->field = field;
            snprintf(r->first, sizeof r->first, "%s", place);
        }
        if (r->fmt == fmt && r->field == field)
            return ++r->count > REPEATS_SHOWN;
    }
    return 0;
}

static void problem(struct loader *L, long line, int field, const char *fmt, ...)
{
    (void)line; /* the row stream knows where the current row is */
    L->problems++;
    (*L->run_problems)++;
    char place[700], msg[1024], full[1800];
    kp_rows_place(L->rows, field, place, sizeof place);
    if (repeated(L, fmt, field, place) || !L->hooks->problem)
        return;
    if (L->shown >= KP_IMPORT_MAX_PROBLEMS_PER_FILE) {
        L->hidden++;
        return;
    }
    L->shown++;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (field >= 0)
        snprintf(full, sizeof full, "%s: %s: %s", place, L->header[field], msg);
    else
        snprintf(full, sizeof full, "%s: %s", place, msg);
    L->hooks->problem(L->hooks->ud, full);
}

/* One line per kind of problem that was not shown in full, with its count. */
static void summarise_repeats(struct loader *L)
{
    for (size_t i = 0; i < sizeof L->repeats / sizeof L->repeats[0] && L->repeats[i].fmt; i++) {
        const struct repeat *r = &L->repeats[i];
        if (r->count <= REPEATS_SHOWN || !L->hooks->problem)
            continue;
        char msg[1400];
        snprintf(msg, sizeof msg, "%s: 同一类问题共 %ld 处，上面只列出了前 %d 处（第一处在 %s）",
                 L->path, r->count, REPEATS_SHOWN, r->first);
        L->hooks->problem(L->hooks->ud, msg);
    }
}

/* A problem the row stream found, already with its place. */
static void stream_problem(void *ud, const char *msg)
{
    struct loader *L = ud;
    L->problems++;
    (*L->run_problems)++;
    if (!L->hooks->problem)
        return;
    if (L->shown >= KP_IMPORT_MAX_PROBLEMS_PER_FILE) {
        L->hidden++;
        return;
    }
    L->shown++;
    L->hooks->problem(L->hooks->ud, msg);
}

static void stream_note(void *ud, const char *msg)
{
    struct loader *L = ud;
    if (L->hooks->note)
        L->hooks->note(L->hooks->ud, msg);
}

/* Edit distance, for "did you mean" on header names; small strings only. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + ((a[i - 1] | 32) != (b[j - 1] | 32));
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static void describe_columns(const struct kp_table *t, kp_buf *b)
{
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(b, "%s%s/%s", c ? ", " : "", t->columns[c].id, t->columns[c].title);
}

static int read_header(struct loader *L, kp_err *e)
{
    int rc = kp_rows_next(L->rows, e);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return kp_fail(e, "%s:1: the file is empty; the first line must be the header", L->path);
    L->ncsv = kp_rows_nfields(L->rows);
    if (L->ncsv > MAX_COLS)
        return kp_fail(e, "%s:1: the header has %zu columns; table %s has only %zu", L->path,
                       L->ncsv, L->t->id, L->t->ncolumns);
    for (size_t c = 0; c < L->t->ncolumns; c++)
        L->present[c] = -1;
    long line = kp_rows_line(L->rows);
    for (size_t i = 0; i < L->ncsv; i++) {
        size_t len;
        const char *name = kp_rows_field(L->rows, i, &len);
        kp_trim(&name, &len);
        L->header[i] = strndup(name, len);
        if (!L->header[i])
            return kp_fail(e, "out of memory");
        name = L->header[i];
        L->map[i] = -1;
        for (size_t c = 0; c < L->t->ncolumns; c++)
            if (!strcasecmp(name, L->t->columns[c].id) || !strcmp(name, L->t->columns[c].title))
                L->map[i] = (int)c;
        if (L->map[i] < 0) {
            const char *best = NULL;
            size_t bestd = 3;
            for (size_t c = 0; c < L->t->ncolumns; c++) {
                size_t d = distance(name, L->t->columns[c].id);
                if (d < bestd)
                    bestd = d, best = L->t->columns[c].id;
            }
            kp_buf cols;
            kp_buf_init(&cols, 0);
            describe_columns(L->t, &cols);
            if (best)
                problem(L, line, -1, "unknown column \"%s\" (did you mean \"%s\"?); table %s has: %s",
                        name, best, L->t->id, cols.data ? cols.data : "");
            else
                problem(L, line, -1, "unknown column \"%s\"; table %s has: %s", name, L->t->id,
                        cols.data ? cols.data : "");
            kp_buf_free(&cols);
            continue;
        }
        if (L->present[L->map[i]] >= 0) {
            problem(L, line, -1, "column \"%s\" appears twice in the header", name);
            continue;
        }
        L->present[L->map[i]] = (int)i;
    }
    for (size_t c = 0; c < L->t->ncolumns; c++) {
        const struct kp_column *col = &L->t->columns[c];
        if (L->present[c] < 0 && (col->flags & (KP_COL_KEY | KP_COL_REQUIRED)) &&
            !col->default_value)
            problem(L, line, -1, "the header lacks required column %s (%s)", col->id, col->title);
    }
    return 0;
}

static int prepare(struct loader *L, sqlite3_stmt **st, kp_buf *sql, kp_err *e)
{
    if (!sql->data)
        return kp_fail(e, "out of memory");
    if (sqlite3_prepare_v2(L->db, sql->data, -1, st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, L->db, L->path);
    kp_buf_clear(sql);
    return 0;
}

static int prepare_statements(struct loader *L, kp_err *e)
{
    if (kp_stage_create(L->db, L->t, e) || kp_stage_prepare_insert(L->db, L->t, &L->stage, e))
        return -1;
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "SELECT level, coalesce(county, code) FROM units WHERE code = ?1");
    int rc = prepare(L, &L->unit, &b, e);
    kp_buf_free(&b);
    return rc;
}

static void list_allowed(const char *const *allowed, kp_buf *b)
{
    for (const char *const *a = allowed; *a; a++)
        kp_buf_printf(b, "%s%s", a == allowed ? "" : ", ", *a);
}

/* Look a unit code up; returns its level, 0 when unknown, -1 on store
 * failure.  L->last_county is then its county (itself for a county or the
 * city). */
static int unit_level(struct loader *L, const char *code, size_t len, kp_err *e)
{
    if (L->last_level && len == strlen(L->last_unit) && !memcmp(code, L->last_unit, len))
        return L->last_level;
    sqlite3_bind_text(L->unit, 1, code, (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(L->unit);
    int level = rc == SQLITE_ROW ? sqlite3_column_int(L->unit, 0) : 0;
    const char *county = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(L->unit, 1) : NULL;
    if (level && len < sizeof L->last_unit) {
        memcpy(L->last_unit, code, len);
        L->last_unit[len] = '\0';
        L->last_level = level;
        snprintf(L->last_county, sizeof L->last_county, "%s", county ? county : "");
    } else {
        L->last_level = 0;
        L->last_county[0] = '\0';
    }
    sqlite3_reset(L->unit);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, L->db, L->path);
    return level;
}

static void levels_text(unsigned levels, char *out, size_t n)
{
    out[0] = '\0';
    for (int lv = 1; lv <= 4; lv++)
        if (levels & kp_level_bit(lv)) {
            size_t used = strlen(out);
            snprintf(out + used, n - used, "%s%s", used ? "/" : "", kp_level_name(lv));
        }
}

/* What the plugin that owns the column says of it, for the end of a problem:
 * "; e.g. 2023-05-29 (活动举办的日期)", or "" when it says nothing. */
static const char *column_hint(const struct kp_column *col, char *out, size_t n)
{
    out[0] = '\0';
    if (col->example && col->description)
        snprintf(out, n, "; e.g. %s (%s)", col->example, col->description);
    else if (col->example)
        snprintf(out, n, "; e.g. %s", col->example);
    else if (col->description)
        snprintf(out, n, " (%s)", col->description);
    return out;
}

/* Parse one field into L->v[c]; reports a problem and returns 1 when it is bad. */
static int parse_field(struct loader *L, long line, int field, size_t c, const char *s, size_t len,
                       kp_err *e)
{
    const struct kp_column *col = &L->t->columns[c];
    struct value *v = &L->v[c];
    const char *expected = NULL;
    int bad = 0;
    char hint[512];
    kp_trim(&s, &len);
    if (len == 0) {
        if (col->default_value) {
            s = col->default_value;
            len = strlen(s);
        } else if (col->flags & (KP_COL_KEY | KP_COL_REQUIRED)) {
            problem(L, line, field, "a value is required here; the field is empty%s",
                    column_hint(col, hint, sizeof hint));
            return 1;
        } else {
            v->kind = V_NULL;
            return 0;
        }
    }
    switch (col->type) {
    case KP_TEXT: {
        /* Names and codes end up in file names and headers: one short line
         * (see kp_check_text).  Other text, a key or not, may span lines. */
        int name = !strcmp(col->id, "name") || !strcmp(col->id, "code");
        const char *why;
        if (kp_check_text(s, len, name ? KP_NAME_MAX_CHARS : KP_TEXT_MAX_CHARS, name, &why)) {
            problem(L, line, field, "%zu bytes: %s", len, why);
            return 1;
        }
        if (col->allowed) {
            const char *const *a = col->allowed;
            while (*a && !(strlen(*a) == len && !memcmp(*a, s, len)))
                a++;
            if (!*a) {
                kp_buf b;
                kp_buf_init(&b, 0);
                list_allowed(col->allowed, &b);
                problem(L, line, field, "\"%.*s\" is not allowed; expected one of %s%s", (int)len,
                        s, b.data ? b.data : "", column_hint(col, hint, sizeof hint));
                kp_buf_free(&b);
                return 1;
            }
        }
        v->kind = V_TEXT, v->s = s, v->len = len;
        return 0;
    }
    case KP_LEVEL_COLUMN: {
        char word[32];
        int level = 0;
        if (len < sizeof word) {
            memcpy(word, s, len);
            word[len] = '\0';
            level = kp_level_parse(word);
        }
        if (!level) {
            problem(L, line, field, "\"%.*s\" is not a level; expected 市/县/乡/村 or "
                                    "city/county/township/village", (int)len, s);
            return 1;
        }
        v->kind = V_INT, v->i = level;
        return 0;
    }
    case KP_INT:
        bad = kp_parse_int(s, len, (col->flags & KP_COL_SIGNED) != 0, &v->i, &expected);
        v->kind = V_INT;
        break;
    case KP_YEAR: {
        int y = 0;
        bad = kp_parse_year(s, len, &y, &expected);
        v->kind = V_INT, v->i = y;
        break;
    }
    case KP_BOOL: {
        int b = 0;
        bad = kp_parse_bool(s, len, &b, &expected);
        v->kind = V_INT, v->i = b;
        break;
    }
    case KP_REAL:
        bad = kp_parse_real(s, len, (col->flags & KP_COL_SIGNED) != 0, &v->d, &expected);
        v->kind = V_REAL;
        break;
    case KP_DATE:
        bad = kp_parse_date(s, len, v->date, &expected);
        v->kind = V_TEXT, v->s = v->date, v->len = 10;
        break;
    case KP_UNIT: {
        int level = unit_level(L, s, len, e);
        if (level < 0)
            return -1;
        if (level == 0) {
            problem(L, line, field, "unit code \"%.*s\" is not in units.csv", (int)len, s);
            return 1;
        }
        if (!(col->levels & kp_level_bit(level))) {
            char want[64];
            levels_text(col->levels, want, sizeof want);
            problem(L, line, field, "unit \"%.*s\" is a %s-level unit; this column takes %s units",
                    (int)len, s, kp_level_name(level), want);
            return 1;
        }
        if ((int)c == L->county_col)
            memcpy(L->row_county, L->last_county, sizeof L->row_county);
        v->kind = V_TEXT, v->s = s, v->len = len;
        return 0;
    }
    default:
        problem(L, line, field, "column has an unknown type");
        return 1;
    }
    if (bad) {
        /* The type already says what is expected; an example is enough. */
        problem(L, line, field, "\"%.*s\": %s%s%s", (int)len, s, expected ? expected : "invalid",
                col->example ? "; e.g. " : "", col->example ? col->example : "");
        return 1;
    }
    return 0;
}

static void bind_value(sqlite3_stmt *st, int idx, const struct value *v)
{
    switch (v->kind) {
    case V_INT: sqlite3_bind_int64(st, idx, v->i); break;
    case V_REAL: sqlite3_bind_double(st, idx, v->d); break;
    case V_TEXT: sqlite3_bind_text(st, idx, v->s, (int)v->len, SQLITE_STATIC); break;
    default: sqlite3_bind_null(st, idx); break;
    }
}

/* Append the parsed row to the stage. */
static int store_row(struct loader *L, long line, kp_err *e)
{
    const struct kp_table *t = L->t;
    for (size_t c = 0; c < t->ncolumns; c++)
        bind_value(L->stage, (int)c + 1, &L->v[c]);
    sqlite3_bind_int64(L->stage, (int)t->ncolumns + 1, line);
    sqlite3_bind_text(L->stage, (int)t->ncolumns + 2, L->row_county, -1, SQLITE_STATIC);
    int rc = sqlite3_step(L->stage);
    sqlite3_reset(L->stage);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, L->db, L->path);
}

static int load_rows(struct loader *L, kp_err *e)
{
    kp_err rerr;
    int rc;
    while ((rc = kp_rows_next(L->rows, &rerr)) == 1) {
        long line = kp_rows_line(L->rows);
        size_t n = kp_rows_nfields(L->rows);
        L->st->rows++;
        if (L->hooks->progress && L->st->rows % PROGRESS_EVERY == 0)
            L->hooks->progress(L->hooks->ud, L->path, kp_rows_offset(L->rows), kp_rows_size(L->rows),
                               L->st->rows);
        /* Excel writes ",,,," for rows that were formatted but left empty. */
        int empty = 1;
        for (size_t i = 0; i < n && empty; i++) {
            size_t len;
            const char *f = kp_rows_field(L->rows, i, &len);
            kp_trim(&f, &len);
            empty = len == 0;
        }
        if (empty) {
            L->st->rows--;
            continue;
        }
        if (n != L->ncsv) {
            problem(L, line, -1, "the row has %zu fields; the header has %zu", n, L->ncsv);
            continue;
        }
        for (size_t c = 0; c < L->t->ncolumns; c++) {
            const struct kp_column *col = &L->t->columns[c];
            L->v[c].kind = V_NULL;
            if (L->present[c] < 0 && col->default_value) {
                L->v[c].kind = V_TEXT;
                L->v[c].s = col->default_value;
                L->v[c].len = strlen(col->default_value);
            }
        }
        int bad = 0;
        L->row_county[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            if (L->map[i] < 0)
                continue;
            size_t len;
            const char *raw = kp_rows_field(L->rows, i, &len);
            int r = parse_field(L, line, (int)i, (size_t)L->map[i], raw, len, e);
            if (r < 0)
                return -1;
            bad |= r;
        }
        /* Once anything is wrong nothing will be kept: only keep reading. */
        if (!bad && L->problems == 0 && store_row(L, line, e))
            return -1;
    }
    if (rc < 0) {
        L->problems++;
        (*L->run_problems)++;
        if (L->hooks->problem)
            L->hooks->problem(L->hooks->ud, rerr.msg);
    }
    return 0;
}

/* A problem the stage found once the file was read, at row `line` of it. */
static void stage_problem(void *ud, long line, const char *msg)
{
    struct loader *L = ud;
    char place[700], full[1800];
    kp_rows_place_line(L->rows, line, place, sizeof place);
    snprintf(full, sizeof full, "%s: %s", place, msg);
    stream_problem(L, full);
}

/* Classify the staged file; write it only while the whole run is clean. */
static int apply(struct loader *L, kp_err *e)
{
    struct kp_stage_job job = {.t = L->t, .present = L->present, .import_id = L->import_id,
                               .merge = L->opt->merge || L->t == &kp_units_table,
                               .force = L->opt->force, .write = *L->run_problems == 0,
                               .problem = stage_problem, .ud = L};
    sqlite3_finalize(L->stage);
    L->stage = NULL;
    return kp_stage_apply(L->db, &job, L->st, e) < 0 ? -1 : 0;
}

int kp_load_file(sqlite3 *db, const struct kp_table *t, const char *path, const char *sheet,
                 long import_id, const kp_import_options *opt, const kp_import_hooks *hooks,
                 kp_import_file_stats *st, long *problems, kp_err *e)
{
    struct loader L = {.db = db, .t = t, .path = path, .import_id = import_id, .opt = opt,
                       .hooks = hooks, .st = st, .run_problems = problems,
                       .county_col = kp_table_unit_column(t)};
    int rc = -1;
    if (t->ncolumns > MAX_COLS) {
        kp_fail(e, "table %s has too many columns", t->id);
        goto out;
    }
    kp_rows_hooks rh = {.ud = &L, .problem = stream_problem, .note = stream_note};
    if (kp_rows_open(&L.rows, path, sheet, t, &rh, e))
        goto out;
    if (read_header(&L, e))
        goto out;
    if (L.problems == 0 && prepare_statements(&L, e))
        goto out;
    if (L.problems == 0 && load_rows(&L, e))
        goto out;
    if (L.problems == 0 && apply(&L, e))
        goto out;
    if (L.hidden && hooks->problem) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s: %ld more problems not shown", path, L.hidden);
        hooks->problem(hooks->ud, msg);
    }
    summarise_repeats(&L);
    st->encoding = kp_rows_encoding(L.rows);
    if (hooks->progress && L.rows)
        hooks->progress(hooks->ud, path, kp_rows_offset(L.rows), kp_rows_size(L.rows), st->rows);
    rc = 0;
out:
    if (rc < 0) {
        (*problems)++;
        if (hooks->problem)
            hooks->problem(hooks->ud, e->msg);
    }
    sqlite3_finalize(L.stage);
    sqlite3_finalize(L.unit);
    kp_stage_drop(db);
    for (size_t i = 0; i < L.ncsv && i < MAX_COLS; i++)
        free(L.header[i]);
    kp_rows_close(L.rows);
    return rc;
}
