/*
 * organization.c — 规范基层组织建设 (work area 2 of the 2023 plan).
 *
 * The plan asks county associations to re-elect on schedule, townships and
 * villages to complete re-election, the "在岗不在编、在编不在岗" staffing
 * mismatch to be resolved, member numbers to be known and every township to
 * have a 会员之家.  Each unit reports one org_status row a year; the
 * indicators read the county's own row, or walk the county's townships,
 * villages or all its units and list those that fell short or did not report.
 *
 * A county with no org_status row at all for the year has no data; once it
 * reported anything, a unit without a row counts as lacking ("未上报").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

static const struct kp_column status_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_COUNTY | KP_LEVEL_TOWNSHIP | KP_LEVEL_VILLAGE,
     .description = "县、乡镇或村社区计生协所在单位的代码，每个单位每年一行",
     .example = "420102001000"},
    {.id = "year", .title = "年度", .type = KP_YEAR, .flags = KP_COL_KEY,
     .description = "情况所属的年度",
     .example = "2023"},
    {.id = "reelected", .title = "是否完成换届", .type = KP_BOOL, .flags = KP_COL_REQUIRED,
     .description = "本届协会是否已按期完成换届（必填）",
     .example = "是"},
    {.id = "reelected_on", .title = "换届日期", .type = KP_DATE,
     .description = "完成换届的日期，未换届的不填",
     .example = "2023-03-15"},
    {.id = "staff_posted", .title = "在岗人数", .type = KP_INT,
     .description = "在岗工作人员人数",
     .example = "6"},
    {.id = "staff_budgeted", .title = "在编人数", .type = KP_INT,
     .description = "在编工作人员人数，与在岗人数一并核对“在岗不在编、在编不在岗”",
     .example = "6"},
    {.id = "members", .title = "会员数", .type = KP_INT,
     .description = "年末会员人数；不填视为会员底数不清",
     .example = "1200"},
    {.id = "member_home", .title = "是否建成会员之家", .type = KP_BOOL,
     .description = "是否已建成会员之家",
     .example = "是"},
    {.id = "due_on", .title = "应换届日期", .type = KP_DATE,
     .description = "本届任期届满、应当换届的日期（县级填写）；据此判断县级是否按期换届",
     .example = "2023-06-30"},
};

static const struct kp_table tables[] = {
    {.id = "org_status", .title = "组织状况", .columns = status_columns,
     .ncolumns = KP_COUNT(status_columns),
     .sample_rows = organization_sample_status},
};

/* ---- Shared parts ------------------------------------------------------- */

#define NOT_REPORTED "未上报组织状况"

struct tally {
    const struct kp_host *host;
    struct kp_eval *ev;
    const char *lacking; /* evidence detail when the row says no (0)      */
    const char *blank;   /* evidence detail when the row leaves it empty   */
    long total, met;
    double sum;
};

static double percent(long part, long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* The shared no-data rule: has the county reported any row for the year? */
static int reported_anything(const struct kp_host *h, struct kp_eval *ev, int *any)
{
    double n;
    if (h->query_number(ev,
                        "SELECT count(*) FROM units u JOIN org_status o"
                        " ON o.unit = u.code AND o.year = :year WHERE u.county = :county",
                        &n, NULL))
        return -1;
    *any = n > 0;
    if (!*any)
        h->set_no_data(ev, "本年度没有组织状况记录");
    return 0;
}

/* Row: unit code, 1 when the unit has a row, the yes/no column (NULL when
 * empty or no row).  A unit meets the target when the column is 1. */
static int yes_no_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (h->row_int(r, 1) == 0)
        h->add_evidence(t->ev, h->row_text(r, 0), NOT_REPORTED);
    else if (h->row_is_null(r, 2))
        h->add_evidence(t->ev, h->row_text(r, 0), t->blank);
    else if (h->row_int(r, 2) == 0)
        h->add_evidence(t->ev, h->row_text(r, 0), t->lacking);
    else
        t->met++;
    return 0;
}

/* A share of the county's units at one level; `sql` yields yes_no_row rows. */
static int level_share(const struct kp_host *h, struct kp_eval *ev, const char *sql,
                       struct tally *t, const char *none, const char *met_name,
                       const char *total_name)
{
    int any;
    if (reported_anything(h, ev, &any))
        return -1;
    if (!any)
        return 0;
    if (h->query(ev, sql, yes_no_row, t))
        return -1;
    if (t->total == 0) {
        h->set_no_data(ev, none);
        return 0;
    }
    h->add_figure(ev, met_name, (double)t->met);
    h->add_figure(ev, total_name, (double)t->total);
    h->set_value(ev, percent(t->met, t->total));
    return 0;
}

/* ---- Indicators -------------------------------------------------------- */

struct county_row {
    const struct kp_host *host;
    int found;
    int null[2];
    long value[2];
};

/* Row: up to two columns of the county's own row. */
static int county_row(void *ud, struct kp_row *r)
{
    struct county_row *c = ud;
    c->found = 1;
    for (int i = 0; i < 2 && i < c->host->row_columns(r); i++) {
        c->null[i] = c->host->row_is_null(r, i);
        c->value[i] = (long)c->host->row_int(r, i);
    }
    return 1;
}

static int county_reelected(const struct kp_host *h, struct kp_eval *ev)
{
    struct county_row c = {.host = h};
    if (h->query(ev,
                 "SELECT reelected FROM org_status WHERE unit = :county AND year = :year",
                 county_row, &c))
        return -1;
    if (!c.found) {
        h->set_no_data(ev, "本年度没有县级组织状况记录");
        return 0;
    }
    int yes = !c.null[0] && c.value[0] != 0;
    if (!yes)
        h->add_evidence(ev, h->county(ev), "县级计生协未完成换届");
    h->set_value(ev, yes ? 1 : 0);
    return 0;
}

static int township_reelection(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {.host = h, .ev = ev, .lacking = "未完成换届", .blank = "未填写是否换届"};
    return level_share(h, ev,
                       "SELECT u.code, o.unit IS NOT NULL, o.reelected FROM units u"
                       " LEFT JOIN org_status o ON o.unit = u.code AND o.year = :year"
                       " WHERE u.county = :county AND u.level = 3 ORDER BY u.code",
                       &t, "县内没有乡镇", "完成换届的乡镇", "乡镇总数");
}

static int village_reelection(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {.host = h, .ev = ev, .lacking = "未完成换届", .blank = "未填写是否换届"};
    return level_share(h, ev,
                       "SELECT u.code, o.unit IS NOT NULL, o.reelected FROM units u"
                       " LEFT JOIN org_status o ON o.unit = u.code AND o.year = :year"
                       " WHERE u.county = :county AND u.level = 4 ORDER BY u.code",
                       &t, "县内没有村", "完成换届的村", "村总数");
}

static int member_home_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {.host = h, .ev = ev, .lacking = "未建成会员之家",
                      .blank = "未填写是否建成会员之家"};
    return level_share(h, ev,
                       "SELECT u.code, o.unit IS NOT NULL, o.member_home FROM units u"
                       " LEFT JOIN org_status o ON o.unit = u.code AND o.year = :year"
                       " WHERE u.county = :county AND u.level = 3 ORDER BY u.code",
                       &t, "县内没有乡镇", "建成会员之家的乡镇", "乡镇总数");
}

/* The plan's 会员之家 is for 乡、村两级: villages are counted apart from
 * townships, so that neither level hides behind the other. */
static int village_member_home_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {.host = h, .ev = ev, .lacking = "未建成会员之家",
                      .blank = "未填写是否建成会员之家"};
    return level_share(h, ev,
                       "SELECT u.code, o.unit IS NOT NULL, o.member_home FROM units u"
                       " LEFT JOIN org_status o ON o.unit = u.code AND o.year = :year"
                       " WHERE u.county = :county AND u.level = 4 ORDER BY u.code",
                       &t, "县内没有村", "建成会员之家的村", "村总数");
}

struct term {
    const struct kp_host *host;
    int found, reelected;
    char on[16], due[16];
};

/* Row: reelected, reelected_on, due_on of the county's own row. */
static int term_row(void *ud, struct kp_row *r)
{
    struct term *t = ud;
    const struct kp_host *h = t->host;
    t->found = 1;
    t->reelected = !h->row_is_null(r, 0) && h->row_int(r, 0) != 0;
    snprintf(t->on, sizeof t->on, "%s", h->row_text(r, 1));
    snprintf(t->due, sizeof t->due, "%s", h->row_text(r, 2));
    return 1;
}

/* 按期换届 is judged by the dates, not the yes/no flag: a term that fell due
 * by the end of the year must have been renewed on or before its due date; a
 * term not yet due is on schedule.  ISO dates compare as text. */
static int county_reelected_on_time(const struct kp_host *h, struct kp_eval *ev)
{
    struct term t = {.host = h};
    if (h->query(ev, "SELECT reelected, reelected_on, due_on FROM org_status"
                     " WHERE unit = :county AND year = :year",
                 term_row, &t))
        return -1;
    if (!t.found) {
        h->set_no_data(ev, "本年度没有县级组织状况记录");
        return 0;
    }
    if (!*t.due) {
        h->set_no_data(ev, "县级组织状况未填写应换届日期，无法判断是否按期");
        return 0;
    }
    char year_end[16], detail[128];
    snprintf(year_end, sizeof year_end, "%04d-12-31", h->year(ev));
    int on_time = 1;
    if (strcmp(t.due, year_end) <= 0) {
        if (!t.reelected || !*t.on) {
            on_time = 0;
            snprintf(detail, sizeof detail, "应于%s前换届，未换届", t.due);
        } else if (strcmp(t.on, t.due) > 0) {
            on_time = 0;
            snprintf(detail, sizeof detail, "%s换届，晚于应换届日期%s", t.on, t.due);
        }
    }
    if (!on_time)
        h->add_evidence(ev, h->county(ev), detail);
    h->set_value(ev, on_time);
    return 0;
}

static int staffing_gap(const struct kp_host *h, struct kp_eval *ev)
{
    struct county_row c = {.host = h};
    if (h->query(ev,
                 "SELECT staff_posted, staff_budgeted FROM org_status"
                 " WHERE unit = :county AND year = :year",
                 county_row, &c))
        return -1;
    if (!c.found) {
        h->set_no_data(ev, "本年度没有县级组织状况记录");
        return 0;
    }
    if (c.null[0] || c.null[1]) {
        h->set_no_data(ev, "县级在岗人数或在编人数未填写");
        return 0;
    }
    long gap = labs(c.value[0] - c.value[1]);
    h->add_figure(ev, "在岗人数", (double)c.value[0]);
    h->add_figure(ev, "在编人数", (double)c.value[1]);
    if (gap > 0) {
        char detail[128];
        snprintf(detail, sizeof detail, "在岗 %ld 人，在编 %ld 人", c.value[0], c.value[1]);
        h->add_evidence(ev, h->county(ev), detail);
    }
    h->set_value(ev, (double)gap);
    return 0;
}

/* Row: unit code, 1 when the unit has a row, member count. */
static int member_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (h->row_int(r, 1) == 0) {
        h->add_evidence(t->ev, h->row_text(r, 0), NOT_REPORTED);
    } else if (h->row_is_null(r, 2)) {
        h->add_evidence(t->ev, h->row_text(r, 0), "未填写会员数");
    } else {
        t->met++;
        t->sum += (double)h->row_int(r, 2);
    }
    return 0;
}

static int member_records(const struct kp_host *h, struct kp_eval *ev)
{
    int any;
    if (reported_anything(h, ev, &any))
        return -1;
    if (!any)
        return 0;
    struct tally t = {.host = h, .ev = ev};
    if (h->query(ev,
                 "SELECT u.code, o.unit IS NOT NULL, o.members FROM units u"
                 " LEFT JOIN org_status o ON o.unit = u.code AND o.year = :year"
                 " WHERE u.county = :county ORDER BY u.code",
                 member_row, &t))
        return -1;
    h->add_figure(ev, "上报会员数的单位", (double)t.met);
    h->add_figure(ev, "单位总数", (double)t.total);
    h->add_figure(ev, "会员总数", t.sum);
    h->set_value(ev, percent(t.met, t.total));
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "county_reelected", .title = "县级计生协是否完成换届", .measure = "是否",
     .evidence_title = "未完成换届的县级计生协", .compute = county_reelected},
    {.id = "township_reelection", .title = "乡镇计生协完成换届占比", .measure = "%",
     .evidence_title = "未完成换届的乡镇", .compute = township_reelection},
    {.id = "village_reelection", .title = "村（社区）计生协完成换届占比", .measure = "%",
     .evidence_title = "未完成换届的村（社区）", .compute = village_reelection},
    {.id = "member_home_coverage", .title = "建成会员之家的乡镇占比", .measure = "%",
     .evidence_title = "未建成会员之家的乡镇", .compute = member_home_coverage},
    {.id = "staffing_gap", .title = "县级在岗与在编人数之差", .measure = "人",
     .evidence_title = "在岗与在编不一致", .compute = staffing_gap},
    {.id = "member_records", .title = "上报会员数的单位占比", .measure = "%",
     .evidence_title = "未上报会员数的单位", .compute = member_records},
    {.id = "village_member_home_coverage", .title = "建成会员之家的村（社区）占比",
     .measure = "%", .evidence_title = "未建成会员之家的村（社区）",
     .compute = village_member_home_coverage},
    {.id = "county_reelected_on_time", .title = "县级计生协按期换届", .measure = "是否",
     .evidence_title = "未按期换届的县级计生协", .compute = county_reelected_on_time},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "organization",
    .title = "规范基层组织建设",
    .version = "1.0.0",
    .tables = tables,
    .ntables = KP_COUNT(tables),
    .indicators = indicators,
    .nindicators = KP_COUNT(indicators),
};

KP_EXPORT const struct kp_plugin *kaoping_plugin(void)
{
    return &plugin;
}
