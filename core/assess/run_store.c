/*
 * run_store.c — writing an assessment run to the store, in one transaction
 * (schema: core/store/migrations.c, step 2).  Points go in as numbers with
 * two decimals, exactly as they were summed.
 */
#include "assess/assess_impl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const status_names[] = {"scored", "no_data", "not_scored", "skipped"};

struct stmts {
    sqlite3 *db;
    sqlite3_stmt *run, *grade, *area, *item, *unit, *area_score, *score, *figure, *evidence;
};

static int prep(struct stmts *s, sqlite3_stmt **st, const char *sql, kp_err *e)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, s->db, "preparing to store the run");
    return 0;
}

static int done(struct stmts *s, sqlite3_stmt *st, kp_err *e)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, s->db, "storing the run");
    return 0;
}

static void text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void cents(sqlite3_stmt *st, int i, long long c) { sqlite3_bind_double(st, i, c / 100.0); }

static void finalize_all(struct stmts *s)
{
    sqlite3_stmt *all[] = {s->run, s->grade, s->area, s->item, s->unit, s->area_score, s->score,
                           s->figure, s->evidence};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
}

static int store_definitions(struct stmts *s, const struct kp_run_data *run, long long id,
                             kp_err *e)
{
    const kp_rules *r = run->rules;
    for (size_t g = 0; g < r->ngrades; g++) {
        sqlite3_bind_int64(s->grade, 1, id);
        sqlite3_bind_int(s->grade, 2, (int)g + 1);
        text(s->grade, 3, r->grades[g].name);
        sqlite3_bind_double(s->grade, 4, r->grades[g].min_score);
        if (done(s, s->grade, e) < 0)
            return -1;
    }
    for (size_t i = 0; i < r->nareas; i++) {
        const kp_rule_area *a = &r->areas[i];
        char note[200];
        snprintf(note, sizeof note, "插件未加载（%s），本项未评分", a->id);
        sqlite3_bind_int64(s->area, 1, id);
        text(s->area, 2, a->id);
        sqlite3_bind_int(s->area, 3, (int)i + 1);
        text(s->area, 4, a->title);
        text(s->area, 5, a->short_title);
        sqlite3_bind_double(s->area, 6, a->weight);
        sqlite3_bind_double(s->area, 7, a->bonus_cap);
        sqlite3_bind_double(s->area, 8, a->deduction_cap);
        text(s->area, 9, a->plugin ? "assessed" : "skipped");
        text(s->area, 10, a->plugin ? NULL : note);
        if (done(s, s->area, e) < 0)
            return -1;
        for (size_t j = 0; j < a->nitems; j++) {
            const kp_rule_item *it = &a->items[j];
            sqlite3_bind_int64(s->item, 1, id);
            text(s->item, 2, a->id);
            text(s->item, 3, it->id);
            sqlite3_bind_int(s->item, 4, (int)j + 1);
            text(s->item, 5, kp_item_kind_name(it->kind));
            text(s->item, 6, it->title);
            text(s->item, 7, it->manual ? "分" : it->indicator ? it->indicator->measure : NULL);
            text(s->item, 8, it->manual      ? "评审记录"
                             : it->indicator ? it->indicator->evidence_title
                                             : NULL);
            text(s->item, 9, it->rule_kind ? it->rule_kind : "function");
            text(s->item, 10, it->rule_text ? it->rule_text : "");
            if (it->has_target)
                sqlite3_bind_double(s->item, 11, it->target);
            sqlite3_bind_double(s->item, 12, it->kind == KP_ITEM_VETO ? 0 : it->points);
            if (it->kind != KP_ITEM_VETO)
                sqlite3_bind_double(s->item, 13, it->no_data_points);
            text(s->item, 14, it->veto_cap);
            sqlite3_bind_int(s->item, 15, it->line);
            if (done(s, s->item, e) < 0)
                return -1;
        }
    }
    return 0;
}

static int store_unit(struct stmts *s, const struct kp_run_data *run, long long id,
                      const struct kp_unit_data *u, kp_err *e)
{
    const kp_rules *r = run->rules;
    sqlite3_bind_int64(s->unit, 1, id);
    text(s->unit, 2, u->code);
    text(s->unit, 3, u->name);
    cents(s->unit, 4, u->total);
    cents(s->unit, 5, u->possible);
    cents(s->unit, 6, u->score);
    text(s->unit, 7, u->grade);
    text(s->unit, 8, u->grade_before_veto);
    text(s->unit, 9, u->vetoed_by);
    sqlite3_bind_int(s->unit, 10, u->rank);
    sqlite3_bind_int64(s->unit, 11, (sqlite3_int64)u->not_scored);
    sqlite3_bind_int64(s->unit, 12, (sqlite3_int64)u->no_data);
    if (done(s, s->unit, e) < 0)
        return -1;

    size_t k = 0;
    for (size_t i = 0; i < r->nareas; i++) {
        const kp_rule_area *a = &r->areas[i];
        const struct kp_area_data *ad = &u->areas[i];
        sqlite3_bind_int64(s->area_score, 1, id);
        text(s->area_score, 2, u->code);
        text(s->area_score, 3, a->id);
        if (ad->assessed) {
            cents(s->area_score, 4, ad->points);
            cents(s->area_score, 5, ad->base);
            cents(s->area_score, 6, ad->bonus);
            cents(s->area_score, 7, ad->deduction);
        }
        if (done(s, s->area_score, e) < 0)
            return -1;
        for (size_t j = 0; j < a->nitems; j++, k++) {
            const kp_rule_item *it = &a->items[j];
            const struct kp_item_data *d = &u->items[k];
            sqlite3_stmt *st = s->score;
            sqlite3_bind_int64(st, 1, id);
            text(st, 2, u->code);
            text(st, 3, a->id);
            text(st, 4, it->id);
            text(st, 5, status_names[d->status]);
            if (d->has_figure)
                sqlite3_bind_double(st, 6, d->figure);
            if (d->has_previous)
                sqlite3_bind_double(st, 7, d->previous);
            if (it->has_target)
                sqlite3_bind_double(st, 8, it->target);
            if (d->has_points)
                cents(st, 9, d->points_cents);
            cents(st, 10, d->possible_cents);
            if (it->kind == KP_ITEM_VETO && d->status != KP_ITEM_SKIPPED &&
                d->status != KP_ITEM_NOT_SCORED)
                sqlite3_bind_int(st, 11, d->vetoed);
            text(st, 12, d->explanation ? d->explanation : "");
            text(st, 13, d->reason);
            if (done(s, st, e) < 0)
                return -1;
            for (size_t f = 0; f < d->res.nfigures; f++) {
                sqlite3_bind_int64(s->figure, 1, id);
                text(s->figure, 2, u->code);
                text(s->figure, 3, a->id);
                text(s->figure, 4, it->id);
                sqlite3_bind_int(s->figure, 5, (int)f + 1);
                text(s->figure, 6, d->res.figures[f].name);
                sqlite3_bind_double(s->figure, 7, d->res.figures[f].value);
                if (done(s, s->figure, e) < 0)
                    return -1;
            }
            for (size_t v = 0; v < d->res.nevidence; v++) {
                const kp_evidence *ev = &d->res.evidence[v];
                sqlite3_bind_int64(s->evidence, 1, id);
                text(s->evidence, 2, u->code);
                text(s->evidence, 3, a->id);
                text(s->evidence, 4, it->id);
                sqlite3_bind_int(s->evidence, 5, (int)v + 1);
                text(s->evidence, 6, ev->key ? ev->key : "");
                text(s->evidence, 7, ev->name ? ev->name : "");
                text(s->evidence, 8, ev->detail ? ev->detail : "");
                if (done(s, s->evidence, e) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

int kp_run_store(kp_store *store, const struct kp_run_data *run, long long *run_id, kp_err *e)
{
    const kp_rules *r = run->rules;
    struct stmts s;
    memset(&s, 0, sizeof s);
    s.db = kp_store_db(store);
    if (prep(&s, &s.run,
             "INSERT INTO assessment_runs(year, title, rules_path, rules_sha256, rules_source, "
             "library_sha256, created_at, units, possible, not_scored, skipped_areas) "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.grade, "INSERT INTO run_grades VALUES(?,?,?,?)", e) < 0 ||
        prep(&s, &s.area, "INSERT INTO run_areas VALUES(?,?,?,?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.item, "INSERT INTO run_items VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.unit, "INSERT INTO run_units VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.area_score, "INSERT INTO run_area_scores VALUES(?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.score, "INSERT INTO run_scores VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.figure, "INSERT INTO run_figures VALUES(?,?,?,?,?,?,?)", e) < 0 ||
        prep(&s, &s.evidence, "INSERT INTO run_evidence VALUES(?,?,?,?,?,?,?,?)", e) < 0) {
        finalize_all(&s);
        return -1;
    }
    if (kp_store_begin(store, e) < 0) {
        finalize_all(&s);
        return -1;
    }

    size_t not_scored = 0, skipped_areas = 0;
    for (size_t i = 0; i < run->nunits; i++)
        not_scored += run->units[i].not_scored;
    long long possible = 0;
    for (size_t i = 0; i < r->nareas; i++) {
        if (r->areas[i].plugin)
            possible += kp_cents(r->areas[i].weight);
        else
            skipped_areas++;
    }
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);

    sqlite3_bind_int(s.run, 1, run->year);
    text(s.run, 2, r->title);
    text(s.run, 3, r->path);
    text(s.run, 4, r->sha256);
    text(s.run, 5, r->source);
    text(s.run, 6, r->lib_sha256);
    text(s.run, 7, now);
    sqlite3_bind_int64(s.run, 8, (sqlite3_int64)run->nunits);
    cents(s.run, 9, possible);
    sqlite3_bind_int64(s.run, 10, (sqlite3_int64)not_scored);
    sqlite3_bind_int64(s.run, 11, (sqlite3_int64)skipped_areas);
    int rc = done(&s, s.run, e);
    long long id = sqlite3_last_insert_rowid(s.db);
    if (rc == 0)
        rc = store_definitions(&s, run, id, e);
    for (size_t i = 0; rc == 0 && i < run->nunits; i++)
        rc = store_unit(&s, run, id, &run->units[i], e);
    finalize_all(&s);
    if (rc == 0)
        rc = kp_store_commit(store, e);
    if (rc < 0) {
        kp_store_rollback(store);
        return -1;
    }
    *run_id = id;
    return 0;
}
