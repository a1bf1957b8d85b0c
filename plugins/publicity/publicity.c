/*
 * publicity.c — 宣传贯彻党的二十大精神 (work area 1 of the 2023 plan).
 *
 * The plan asks grassroots associations to hold 宣讲 activities on the 20th
 * Party Congress.  The indicators count a county's events and participants,
 * and measure how many of its townships held a 宣讲 — at the township itself
 * or in one of its villages — listing the townships that held none.
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

/* The order is the order of the figures `events` reports. */
static const char *const event_kinds[] = {"宣讲", "培训", "座谈", "其他", NULL};
#define NKINDS 4

static const struct kp_column event_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "举办活动的计生协所在单位的代码（县、乡镇或村社区均可）",
     .example = "420102001000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "活动举办的日期",
     .example = "2023-05-29"},
    {.id = "title", .title = "主题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "活动主题，同一单位同一天的活动以主题区分",
     .example = "学习二十大 奋进新征程 宣讲会"},
    {.id = "kind", .title = "形式", .type = KP_TEXT, .allowed = event_kinds,
     .default_value = "宣讲",
     .description = "活动形式；宣讲计入“乡镇宣讲覆盖率”，不填按宣讲记",
     .example = "宣讲"},
    {.id = "participants", .title = "参加人数", .type = KP_INT,
     .description = "到场参加活动的人数",
     .example = "60"},
};

static const struct kp_table tables[] = {
    {.id = "publicity_events", .title = "宣讲活动", .columns = event_columns,
     .ncolumns = KP_COUNT(event_columns),
     .sample_rows = publicity_sample_events},
};

/* ---- Queries ------------------------------------------------------------ */

/* Every query starts from the county's own units (index units_county) and
 * reaches events through their key, which leads with the unit: the cost is
 * the county's rows, whatever the number of counties. */

static const char count_events_sql[] =
    "SELECT count(*) FROM units u JOIN publicity_events e ON e.unit = u.code"
    " WHERE u.county = :county AND e.date BETWEEN :year_start AND :year_end";

/* Row: township code, events of the given kind at the township or its villages. */
static const char township_lectures_sql[] =
    "SELECT t.code,"
    " (SELECT count(*) FROM publicity_events e WHERE e.unit = t.code AND e.kind = '宣讲'"
    "    AND e.date BETWEEN :year_start AND :year_end)"
    " + (SELECT count(*) FROM units v JOIN publicity_events e ON e.unit = v.code"
    "    WHERE v.parent = t.code AND e.kind = '宣讲'"
    "    AND e.date BETWEEN :year_start AND :year_end)"
    " FROM units t WHERE t.county = :county AND t.level = 3 ORDER BY t.code";

/* ---- Indicators -------------------------------------------------------- */

struct tally {
    const struct kp_host *host;
    struct kp_eval *ev;
    const char *shortfall; /* evidence detail for a township that held none */
    long total, met;
    long by_kind[NKINDS];
};

static double percent(long part, long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* The shared no-data rule: a county with no event in the year has no data. */
static int count_events(const struct kp_host *h, struct kp_eval *ev, double *events)
{
    if (h->query_number(ev, count_events_sql, events, NULL))
        return -1;
    if (*events == 0)
        h->set_no_data(ev, "本年度没有宣讲活动记录");
    return 0;
}

/* Row: township code, events counted for it. */
static int township_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (h->row_int(r, 1) > 0)
        t->met++;
    else
        h->add_evidence(t->ev, h->row_text(r, 0), t->shortfall);
    return 0;
}

static int township_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    double events;
    if (count_events(h, ev, &events))
        return -1;
    if (events == 0)
        return 0;
    struct tally t = {.host = h, .ev = ev, .shortfall = "本年度未开展宣讲"};
    if (h->query(ev, township_lectures_sql, township_row, &t))
        return -1;
    if (t.total == 0) {
        h->set_no_data(ev, "县内没有乡镇");
        return 0;
    }
    h->add_figure(ev, "开展宣讲的乡镇", (double)t.met);
    h->add_figure(ev, "乡镇总数", (double)t.total);
    h->set_value(ev, percent(t.met, t.total));
    return 0;
}

/* Row: kind, events of that kind. */
static int kind_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const char *kind = t->host->row_text(r, 0);
    for (int i = 0; i < NKINDS; i++)
        if (!strcmp(kind, event_kinds[i]))
            t->by_kind[i] += (long)t->host->row_int(r, 1);
    return 0;
}

static int events(const struct kp_host *h, struct kp_eval *ev)
{
    double n;
    if (count_events(h, ev, &n))
        return -1;
    if (n == 0)
        return 0;
    /* The plan asks for 宣讲: trainings, meetings and others are shown as
     * figures but do not count, and a township is short of none of them. */
    struct tally t = {.host = h, .ev = ev, .shortfall = "本年度未开展宣讲"};
    if (h->query(ev,
                 "SELECT e.kind, count(*) FROM units u JOIN publicity_events e ON e.unit = u.code"
                 " WHERE u.county = :county AND e.date BETWEEN :year_start AND :year_end"
                 " GROUP BY e.kind",
                 kind_row, &t) ||
        h->query(ev, township_lectures_sql, township_row, &t))
        return -1;
    for (int i = 0; i < NKINDS; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s场次", event_kinds[i]);
        h->add_figure(ev, name, (double)t.by_kind[i]);
    }
    h->set_value(ev, (double)t.by_kind[0]); /* event_kinds[0] is 宣讲 */
    return 0;
}

/* Row: unit code, date, title, participants. */
static int participant_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (!h->row_is_null(r, 3)) {
        t->met++;
        return 0;
    }
    char detail[512];
    snprintf(detail, sizeof detail, "%s %s", h->row_text(r, 1), h->row_text(r, 2));
    h->add_evidence(t->ev, h->row_text(r, 0), detail);
    return 0;
}

static int participants(const struct kp_host *h, struct kp_eval *ev)
{
    double n, people;
    if (count_events(h, ev, &n))
        return -1;
    if (n == 0)
        return 0;
    struct tally t = {.host = h, .ev = ev};
    if (h->query(ev,
                 "SELECT e.unit, e.date, e.title, e.participants FROM units u"
                 " JOIN publicity_events e ON e.unit = u.code"
                 " WHERE u.county = :county AND e.date BETWEEN :year_start AND :year_end"
                 " ORDER BY e.date, e.unit, e.title",
                 participant_row, &t) ||
        h->query_number(ev,
                        "SELECT coalesce(sum(e.participants), 0) FROM units u"
                        " JOIN publicity_events e ON e.unit = u.code"
                        " WHERE u.county = :county AND e.date BETWEEN :year_start AND :year_end",
                        &people, NULL))
        return -1;
    if (t.met == 0) {
        h->set_no_data(ev, "本年度的活动均未填写参加人数");
        return 0;
    }
    h->add_figure(ev, "活动场次", (double)t.total);
    h->add_figure(ev, "填写人数的活动", (double)t.met);
    h->set_value(ev, people);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "township_coverage", .title = "开展宣讲活动的乡镇占比", .measure = "%",
     .evidence_title = "未开展宣讲的乡镇", .compute = township_coverage},
    {.id = "events", .title = "宣讲活动场次", .measure = "场",
     .evidence_title = "未开展宣讲的乡镇", .compute = events},
    {.id = "participants", .title = "宣讲活动参加人数", .measure = "人",
     .evidence_title = "未填写参加人数的活动", .compute = participants},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "publicity",
    .title = "宣传贯彻党的二十大精神",
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
