/*
 * assess.c — running an assessment (see assess.h): figures from the plugins,
 * points from the rules, then subtotals, totals, grades and ranks.
 *
 * Points are kept in cents (0.01) from the moment a rule returns them, so
 * that sums and ties are exact.  Missing data never becomes a silent zero:
 * the item is marked no_data and scored as its rule says.
 */
#include "assess/assess_impl.h"
#include "assess/manual.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long one call of a rule may take. */
#define RULE_TIME_MS 1000u

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

long long kp_cents(double points) { return llround(points * 100.0); }

static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return strdup(buf);
}

/* "12.5" — points without trailing zeros, for explanations written in C. */
static const char *pts(long long cents, char *buf, size_t size)
{
    if (cents % 100 == 0)
        snprintf(buf, size, "%lld", cents / 100);
    else if (cents % 10 == 0)
        snprintf(buf, size, "%.1f", cents / 100.0);
    else
        snprintf(buf, size, "%.2f", cents / 100.0);
    return buf;
}

/* ---- calling a rule ------------------------------------------------------------- */

/*
 * Call the item's rule with the figure.  Returns 0 with *cents (or *vetoed
 * for a veto item) and a sentence, or -1 with the reason in `e`.
 */
static int call_rule(kp_rules *rules, const kp_rule_item *it, const char *measure, double figure,
                     const double *previous, const char *unit_name, long long *cents, int *vetoed,
                     char **sentence, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(rules->sb);
    int top = lua_gettop(L);
    if (!lua_checkstack(L, 8))
        return kp_fail(e, "Lua stack exhausted");
    lua_rawgeti(L, LUA_REGISTRYINDEX, it->rule_ref);
    if (lua_istable(L, -1)) {
        lua_pushliteral(L, "score");
        lua_rawget(L, -2);
        lua_remove(L, -2);
    }
    lua_pushnumber(L, figure);
    lua_createtable(L, 0, 8);
    lua_pushstring(L, it->title);
    lua_setfield(L, -2, "title");
    lua_pushstring(L, measure ? measure : "");
    lua_setfield(L, -2, "measure");
    lua_pushnumber(L, it->points);
    lua_setfield(L, -2, "points");
    if (it->has_target) {
        lua_pushnumber(L, it->target);
        lua_setfield(L, -2, "target");
    }
    if (previous) {
        lua_pushnumber(L, *previous);
        lua_setfield(L, -2, "previous");
    }
    lua_pushstring(L, unit_name);
    lua_setfield(L, -2, "unit");
    if (kp_sandbox_call(rules->sb, 2, 2, RULE_TIME_MS, e) < 0) {
        lua_settop(L, top);
        return -1;
    }
    int rc = 0;
    if (it->kind == KP_ITEM_VETO) {
        if (lua_type(L, -2) != LUA_TBOOLEAN)
            rc = kp_fail(e, "%s:%d: veto '%s': the rule returned %s; it must return true "
                         "(vetoed) or false", rules->path, it->line, it->id, luaL_typename(L, -2));
        else
            *vetoed = lua_toboolean(L, -2);
        *cents = 0;
    } else {
        double p = lua_tonumber(L, -2);
        if (lua_type(L, -2) != LUA_TNUMBER || !isfinite(p))
            rc = kp_fail(e, "%s:%d: %s: the rule returned %s instead of points", rules->path,
                         it->line, it->id, luaL_typename(L, -2));
        else if (p < -1e-9 || p > it->points + 1e-9)
            rc = kp_fail(e, "%s:%d: %s: the rule returned %g points, outside 0..%g", rules->path,
                         it->line, it->id, p, it->points);
        else
            *cents = kp_cents(p < 0 ? 0 : p);
    }
    if (rc == 0) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        char buf[32], buf2[32];
        if (s)
            *sentence = strdup(s);
        else if (it->kind == KP_ITEM_VETO)
            *sentence = strdup(*vetoed ? "触发一票否决" : "未触发一票否决");
        else
            *sentence = dupf("得%s分（满分%s分）", pts(*cents, buf, sizeof buf),
                             pts(kp_cents(it->points), buf2, sizeof buf2));
        if (!*sentence)
            rc = kp_fail(e, "out of memory");
    }
    lua_settop(L, top);
    return rc;
}

/* ---- one county ----------------------------------------------------------------- */

/* The assessor's text beside the rule's sentence: who scored and why. */
static char *with_assessor(char *sentence, const kp_indicator_result *res)
{
    for (size_t i = 0; i < res->nevidence; i++) {
        const kp_evidence *ev = &res->evidence[i];
        if (strcmp(ev->key, "评审") != 0)
            continue;
        char *s = dupf("%s；评审人：%s%s%s", sentence, *ev->name ? ev->name : "未署名",
                       *ev->detail ? "，理由：" : "", ev->detail);
        free(sentence);
        return s;
    }
    return sentence;
}

/* An item assessors score: their latest score, or 未评分 (never a silent 0). */
static int assess_manual(struct kp_run_data *run, const kp_rule_area *a, const kp_rule_item *it,
                         struct kp_unit_data *u, struct kp_item_data *d, kp_assess_summary *sum,
                         kp_err *e)
{
    int scored;
    double given;
    if (kp_manual_score(run->db, u->code, run->year, a->id, it->id, &d->res, &scored, &given,
                        e) < 0)
        return -1;
    char b1[32];
    const char *why = NULL;
    if (!scored)
        why = "评审尚未打分";
    else if (given > it->points + 1e-9)
        why = "评审得分超过本项满分，请按现行细则重新打分";
    kp_err rule_err;
    if (!why && call_rule(run->rules, it, "分", given, NULL, u->name, &d->points_cents,
                          &d->vetoed, &d->explanation, &rule_err) < 0)
        why = rule_err.msg;
    if (why) {
        d->status = KP_ITEM_NOT_SCORED;
        d->reason = strdup(why);
        d->explanation = dupf("未评分：%s（满分%s分）", why,
                              pts(d->possible_cents, b1, sizeof b1));
        sum->not_scored++;
        sum->unrated += !scored;
        u->not_scored++;
        return d->reason && d->explanation ? 0 : kp_fail(e, "out of memory");
    }
    d->has_figure = 1;
    d->figure = given;
    d->explanation = with_assessor(d->explanation, &d->res);
    d->status = KP_ITEM_SCORED;
    d->has_points = 1;
    sum->scored++;
    return d->explanation ? 0 : kp_fail(e, "out of memory");
}

static int assess_item(struct kp_run_data *run, kp_evaluator *ev, const kp_rule_area *a,
                       const kp_rule_item *it, struct kp_unit_data *u, struct kp_item_data *d,
                       kp_assess_summary *sum, kp_err *e)
{
    d->possible_cents = it->kind == KP_ITEM_VETO ? 0 : kp_cents(it->points);
    if (!a->plugin || (!it->indicator && !it->manual)) {
        d->status = KP_ITEM_SKIPPED;
        d->explanation = dupf("插件未加载（%s），未评分", a->id);
        d->reason = dupf("plugin not loaded: %s", a->id);
        sum->skipped++;
        return d->explanation && d->reason ? 0 : kp_fail(e, "out of memory");
    }
    if (it->manual)
        return assess_manual(run, a, it, u, d, sum, e);

    double t0 = seconds();
    if (kp_evaluate(ev, it->plugin, it->indicator, u->code, run->year, &d->res, e) < 0)
        return -1;
    int have_prev = 0;
    double prev = 0;
    if (it->needs_previous && d->res.status == KP_RESULT_VALUE) {
        kp_indicator_result pr;
        memset(&pr, 0, sizeof pr);
        if (kp_evaluate(ev, it->plugin, it->indicator, u->code, run->year - 1, &pr, e) < 0)
            return -1;
        if (pr.status == KP_RESULT_VALUE) {
            have_prev = 1;
            prev = pr.value;
        }
        kp_indicator_result_free(&pr);
    }
    sum->t_indicators += seconds() - t0;
    d->has_previous = have_prev;
    d->previous = prev;

    const char *measure = it->indicator->measure;
    char b1[32], b2[32];
    if (d->res.status == KP_RESULT_FAILED) {
        d->status = KP_ITEM_NOT_SCORED;
        d->reason = strdup(d->res.message ? d->res.message : "the indicator could not be computed");
        d->explanation = dupf("未评分：指标计算失败（%s）", d->reason ? d->reason : "");
        sum->not_scored++;
        u->not_scored++;
        return d->reason && d->explanation ? 0 : kp_fail(e, "out of memory");
    }
    if (d->res.status == KP_RESULT_NO_DATA) {
        d->status = KP_ITEM_NO_DATA;
        const char *why = d->res.message ? d->res.message : "没有数据";
        if (it->kind == KP_ITEM_VETO) {
            d->vetoed = it->veto_on_no_data;
            d->explanation = dupf("无数据（%s），按规则%s", why,
                                  d->vetoed ? "视为触发一票否决" : "不触发一票否决");
        } else {
            d->points_cents = kp_cents(it->no_data_points);
            d->has_points = 1;
            d->explanation = dupf("无数据（%s），按规则计%s分（满分%s分）", why,
                                  pts(d->points_cents, b1, sizeof b1),
                                  pts(d->possible_cents, b2, sizeof b2));
        }
        sum->no_data++;
        u->no_data++;
        return d->explanation ? 0 : kp_fail(e, "out of memory");
    }

    d->has_figure = 1;
    d->figure = d->res.value;
    kp_err why;
    t0 = seconds();
    int rc = call_rule(run->rules, it, measure, d->figure, have_prev ? &prev : NULL, u->name,
                       &d->points_cents, &d->vetoed, &d->explanation, &why);
    sum->t_scoring += seconds() - t0;
    if (rc < 0) {
        d->status = KP_ITEM_NOT_SCORED;
        d->vetoed = 0;
        d->points_cents = 0;
        d->reason = strdup(why.msg);
        d->explanation = dupf("未评分：计分规则出错（%s）", why.msg);
        sum->not_scored++;
        u->not_scored++;
        return d->reason && d->explanation ? 0 : kp_fail(e, "out of memory");
    }
    d->status = KP_ITEM_SCORED;
    d->has_points = it->kind != KP_ITEM_VETO;
    sum->scored++;
    return 0;
}

static int assess_unit(struct kp_run_data *run, kp_evaluator *ev, struct kp_unit_data *u,
                       kp_assess_summary *sum, kp_err *e)
{
    const kp_rules *r = run->rules;
    size_t k = 0;
    long long total = 0, possible = 0;
    const char *veto_cap = NULL;
    for (size_t i = 0; i < r->nareas; i++) {
        const kp_rule_area *a = &r->areas[i];
        struct kp_area_data *ad = &u->areas[i];
        long long base = 0, bonus = 0, deduction = 0;
        for (size_t j = 0; j < a->nitems; j++, k++) {
            const kp_rule_item *it = &a->items[j];
            struct kp_item_data *d = &u->items[k];
            if (assess_item(run, ev, a, it, u, d, sum, e) < 0)
                return -1;
            if (!d->has_points)
                continue;
            if (it->kind == KP_ITEM_INDICATOR)
                base += d->points_cents;
            else if (it->kind == KP_ITEM_BONUS)
                bonus += d->points_cents;
            else if (it->kind == KP_ITEM_DEDUCTION)
                deduction += d->points_cents;
        }
        for (size_t j = 0; j < a->nitems; j++) {
            const kp_rule_item *it = &a->items[j];
            struct kp_item_data *d = &u->items[k - a->nitems + j];
            if (it->kind != KP_ITEM_VETO || !d->vetoed)
                continue;
            /* The harshest cap wins: the grade furthest down the list. */
            if (!veto_cap || kp_grade_index(r, it->veto_cap) > kp_grade_index(r, veto_cap)) {
                veto_cap = it->veto_cap;
                free(u->vetoed_by);
                u->vetoed_by = dupf("%s：%s", it->title, d->explanation ? d->explanation : "");
            }
        }
        if (!a->plugin) {
            ad->assessed = 0;
            continue;
        }
        long long wcents = kp_cents(a->weight);
        if (base > wcents)
            base = wcents;
        if (bonus > kp_cents(a->bonus_cap))
            bonus = kp_cents(a->bonus_cap);
        if (deduction > kp_cents(a->deduction_cap))
            deduction = kp_cents(a->deduction_cap);
        long long pts_area = base + bonus - deduction;
        if (pts_area < 0) /* deductions take an area down to zero, not below */
            pts_area = 0;
        ad->assessed = 1;
        ad->base = base;
        ad->bonus = bonus;
        ad->deduction = deduction;
        ad->points = pts_area;
        total += pts_area;
        possible += wcents;
    }
    u->total = total;
    u->possible = possible;
    /* With every area assessed the score is the total; with some skipped it
     * is the total scaled to 100, so that grades keep their meaning. */
    u->score = possible > 0 ? (possible == 10000 ? total : llround((double)total * 10000.0 / (double)possible)) : 0;
    const char *grade = kp_rules_grade(r, u->score / 100.0);
    u->grade_before_veto = strdup(grade);
    if (veto_cap && kp_grade_index(r, veto_cap) > kp_grade_index(r, grade))
        grade = veto_cap;
    u->grade = strdup(grade);
    if (!u->grade || !u->grade_before_veto)
        return kp_fail(e, "out of memory");
    return 0;
}

int kp_grade_index(const kp_rules *r, const char *name)
{
    for (size_t i = 0; i < r->ngrades; i++)
        if (!strcmp(r->grades[i].name, name))
            return (int)i;
    return -1;
}

/* ---- ranking ------------------------------------------------------------------------ */

struct order {
    long long cents;
    size_t i;
};

static int order_cmp(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    if (x->cents != y->cents)
        return x->cents > y->cents ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i; /* ties by unit code (the input order) */
}

void kp_assess_rank(const double *scores, size_t n, int *ranks)
{
    struct order *o = malloc((n ? n : 1) * sizeof *o);
    if (!o) {
        for (size_t i = 0; i < n; i++)
            ranks[i] = 0;
        return;
    }
    for (size_t i = 0; i < n; i++)
        o[i] = (struct order){kp_cents(scores[i]), i};
    qsort(o, n, sizeof *o, order_cmp);
    for (size_t k = 0; k < n; k++)
        ranks[o[k].i] = (k > 0 && o[k].cents == o[k - 1].cents) ? ranks[o[k - 1].i] : (int)k + 1;
    free(o);
}

/* ---- the run ------------------------------------------------------------------------ */

static int load_counties(kp_store *store, struct kp_run_data *run, kp_err *e)
{
    sqlite3 *db = kp_store_db(store);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT code, name FROM units WHERE level = 2 ORDER BY code", -1,
                           &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the counties");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (run->nunits == run->capunits) {
            size_t ncap = run->capunits ? run->capunits * 2 : 64;
            struct kp_unit_data *nu = realloc(run->units, ncap * sizeof *nu);
            if (!nu) {
                sqlite3_finalize(st);
                return kp_fail(e, "out of memory");
            }
            run->units = nu;
            run->capunits = ncap;
        }
        struct kp_unit_data *u = &run->units[run->nunits];
        memset(u, 0, sizeof *u);
        run->nunits++;
        u->code = strdup((const char *)sqlite3_column_text(st, 0));
        u->name = strdup((const char *)sqlite3_column_text(st, 1));
        u->areas = calloc(run->rules->nareas ? run->rules->nareas : 1, sizeof *u->areas);
        u->items = calloc(run->nitems ? run->nitems : 1, sizeof *u->items);
        if (!u->code || !u->name || !u->areas || !u->items) {
            sqlite3_finalize(st);
            return kp_fail(e, "out of memory");
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading the counties");
    if (run->nunits == 0)
        return kp_fail(e, "%s: there are no counties to assess; import units.csv first",
                       kp_store_path(store));
    return 0;
}

static void free_run(struct kp_run_data *run)
{
    for (size_t i = 0; i < run->nunits; i++) {
        struct kp_unit_data *u = &run->units[i];
        for (size_t k = 0; u->items && k < run->nitems; k++) {
            kp_indicator_result_free(&u->items[k].res);
            free(u->items[k].explanation);
            free(u->items[k].reason);
        }
        free(u->items);
        free(u->areas);
        free(u->code);
        free(u->name);
        free(u->grade);
        free(u->grade_before_veto);
        free(u->vetoed_by);
    }
    free(run->units);
}

int kp_assess_run(kp_store *store, const kp_registry *reg, kp_rules *rules, int year,
                  kp_assess_summary *sum, kp_err *e)
{
    memset(sum, 0, sizeof *sum);
    if (rules->nerrors)
        return kp_fail(e, "%s has %zu error(s); 'kaoping check %s' lists them", rules->path,
                       rules->nerrors, rules->path);
    if (rules->year != year)
        return kp_fail(e, "%s assesses %d, not %d", rules->path, rules->year, year);

    struct kp_run_data run;
    memset(&run, 0, sizeof run);
    run.rules = rules;
    run.db = kp_store_db(store);
    run.year = year;
    for (size_t i = 0; i < rules->nareas; i++) {
        run.nitems += rules->areas[i].nitems;
        if (!rules->areas[i].plugin)
            sum->skipped_areas++;
    }
    int rc = load_counties(store, &run, e);
    kp_evaluator *ev = NULL;
    if (rc == 0)
        rc = kp_evaluator_open(&ev, reg, kp_store_path(store), e);
    for (size_t i = 0; rc == 0 && i < run.nunits; i++)
        rc = assess_unit(&run, ev, &run.units[i], sum, e);
    kp_evaluator_close(ev);
    if (rc == 0) {
        double *scores = malloc(run.nunits * sizeof *scores);
        int *ranks = malloc(run.nunits * sizeof *ranks);
        if (!scores || !ranks) {
            rc = kp_fail(e, "out of memory");
        } else {
            for (size_t i = 0; i < run.nunits; i++)
                scores[i] = run.units[i].score / 100.0;
            kp_assess_rank(scores, run.nunits, ranks);
            for (size_t i = 0; i < run.nunits; i++)
                run.units[i].rank = ranks[i];
        }
        free(scores);
        free(ranks);
    }
    if (rc == 0) {
        sum->counties = run.nunits;
        double t0 = seconds();
        rc = kp_run_store(store, &run, &sum->run_id, e);
        sum->t_storing = seconds() - t0;
    }
    free_run(&run);
    return rc;
}
