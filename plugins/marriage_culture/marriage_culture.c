/*
 * marriage_culture.c — 培育新型婚育文化 (work area 7 of the 2023 plan).
 *
 * The plan asks "确保每个基层协会组织有一份会刊" (the journal 《人生》) and
 * theme events on the 5·29 会员活动日 and the 7·11 世界人口日.  The
 * indicators measure the share of grassroots associations with a copy for
 * the year, listing those without, and how many of the two key dates had an
 * event, naming the date that had none.
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

static const struct kp_column journal_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_TOWNSHIP | KP_LEVEL_VILLAGE,
     .description = "订阅会刊的乡镇（街道）或村（社区）的单位代码",
     .example = "420102001001"},
    {.id = "year", .title = "年度", .type = KP_YEAR, .flags = KP_COL_KEY,
     .description = "订阅年度",
     .example = "2023"},
    {.id = "copies", .title = "份数", .type = KP_INT,
     .description = "订阅会刊《人生》的份数，每个基层协会至少1份",
     .example = "2"},
};

/* The two key dates come first, in the plan's order. */
static const char *const occasions[] = {"529会员活动日", "711世界人口日", "其他", NULL};
#define NKEY_DATES 2

static const struct kp_column event_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "举办活动的单位代码",
     .example = "420102001000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "活动日期",
     .example = "2023-05-29"},
    {.id = "title", .title = "主题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "活动主题",
     .example = "5·29会员活动日 学习二十大 奋进新征程"},
    {.id = "occasion", .title = "节点", .type = KP_TEXT, .allowed = occasions,
     .description = "活动所在节点；5月29日、7月11日的活动分别计入两个节点",
     .example = "529会员活动日"},
    {.id = "participants", .title = "参加人数", .type = KP_INT,
     .description = "参加人数",
     .example = "120"},
};

static const struct kp_table tables[] = {
    {.id = "journal_subscriptions", .title = "会刊订阅", .columns = journal_columns,
     .ncolumns = KP_COUNT(journal_columns),
     .sample_rows = marriage_culture_sample_journals},
    {.id = "culture_events", .title = "主题活动", .columns = event_columns,
     .ncolumns = KP_COUNT(event_columns),
     .sample_rows = marriage_culture_sample_events},
};

/* ---- Indicators -------------------------------------------------------- */

struct journals {
    const struct kp_host *host;
    struct kp_eval *ev;
    long total, met, reported;
    double copies;
};

/* Row: township or village code, 1 when it has a row for the year, copies. */
static int journal_row(void *ud, struct kp_row *r)
{
    struct journals *j = ud;
    const struct kp_host *h = j->host;
    const char *code = h->row_text(r, 0);
    j->total++;
    if (h->row_int(r, 1) == 0) {
        h->add_evidence(j->ev, code, "未订阅会刊");
        return 0;
    }
    j->reported++;
    if (h->row_is_null(r, 2)) {
        h->add_evidence(j->ev, code, "未填写份数");
        return 0;
    }
    long long copies = (long long)h->row_int(r, 2);
    j->copies += (double)copies;
    if (copies >= 1) {
        j->met++;
    } else {
        char detail[64];
        snprintf(detail, sizeof detail, "会刊 %lld 份", copies);
        h->add_evidence(j->ev, code, detail);
    }
    return 0;
}

static int journal_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    struct journals j = {.host = h, .ev = ev};
    /* The county's grassroots associations (index units_county), each with
     * its row for the year found through the key (unit, year). */
    if (h->query(ev,
                 "SELECT u.code, j.unit IS NOT NULL, j.copies FROM units u"
                 " LEFT JOIN journal_subscriptions j ON j.unit = u.code AND j.year = :year"
                 " WHERE u.county = :county AND u.level IN (3, 4) ORDER BY u.code",
                 journal_row, &j))
        return -1;
    if (j.total == 0) {
        h->set_no_data(ev, "县内没有乡镇或村级单位");
        return 0;
    }
    if (j.reported == 0) {
        h->set_no_data(ev, "本年度没有会刊订阅记录");
        return 0;
    }
    h->add_figure(ev, "有会刊的基层协会", (double)j.met);
    h->add_figure(ev, "基层协会总数", (double)j.total);
    h->add_figure(ev, "会刊份数", j.copies);
    h->set_value(ev, 100.0 * (double)j.met / (double)j.total);
    return 0;
}

struct key_dates {
    const struct kp_host *host;
    long events;
    long on[NKEY_DATES];
};

/* Row: occasion (NULL when not given), events. */
static int occasion_row(void *ud, struct kp_row *r)
{
    struct key_dates *k = ud;
    const struct kp_host *h = k->host;
    long n = (long)h->row_int(r, 1);
    k->events += n;
    for (int i = 0; i < NKEY_DATES; i++)
        if (!strcmp(h->row_text(r, 0), occasions[i]))
            k->on[i] += n;
    return 0;
}

static int key_date_events(const struct kp_host *h, struct kp_eval *ev)
{
    struct key_dates k = {.host = h};
    if (h->query(ev,
                 "SELECT c.occasion, count(*) FROM units u JOIN culture_events c"
                 " ON c.unit = u.code WHERE u.county = :county"
                 " AND c.date BETWEEN :year_start AND :year_end GROUP BY c.occasion",
                 occasion_row, &k))
        return -1;
    if (k.events == 0) {
        h->set_no_data(ev, "本年度没有主题活动记录");
        return 0;
    }
    int held = 0;
    for (int i = 0; i < NKEY_DATES; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s活动", occasions[i]);
        h->add_figure(ev, name, (double)k.on[i]);
        if (k.on[i])
            held++;
        else
            h->add_evidence(ev, occasions[i], "本年度未开展主题活动");
    }
    h->add_figure(ev, "主题活动场次", (double)k.events);
    h->set_value(ev, held);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "journal_coverage", .title = "有会刊的基层协会占比", .measure = "%",
     .evidence_title = "没有会刊的基层协会", .compute = journal_coverage},
    {.id = "key_date_events", .title = "开展主题活动的重要节点", .measure = "个",
     .evidence_title = "未开展主题活动的节点", .compute = key_date_events},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "marriage_culture",
    .title = "培育新型婚育文化",
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
