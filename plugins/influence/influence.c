/*
 * influence.c — 扩大协会组织影响 (work area 8 of the 2023 plan).
 *
 * The plan asks every county to build at least one provincial
 * 家庭健康促进行动项目点, to send the provincial association at least two
 * information reports every month, and to have volunteers wear the
 * association's uniform.  The indicators count the sites built (listing
 * those still applied for), the months with two reports or more (listing
 * each month that fell short) and the share of volunteer events in uniform
 * (listing the events that were not).
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

static const char *const adoption_levels[] = {"国家", "省", "市", NULL};
/* The plan counts reports "向省计生协上报"; others are shown, not counted. */
#define TO_PROVINCE "省计生协"
static const char *const report_recipients[] = {TO_PROVINCE, "市计生协", "其他", NULL};

static const struct kp_column report_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_COUNTY,
     .description = "报送信息的县市区的单位代码",
     .example = "420102000000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "报送日期；每月不少于2篇",
     .example = "2023-05-29"},
    {.id = "title", .title = "标题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "信息标题",
     .example = "江北区计生协开展5·29会员活动日活动"},
    {.id = "adopted", .title = "采用层级", .type = KP_TEXT, .allowed = adoption_levels,
     .description = "被哪一级采用；未被采用的不填",
     .example = "市"},
    {.id = "sent_to", .title = "报送对象", .type = KP_TEXT, .allowed = report_recipients,
     .description = "报送对象：省计生协、市计生协或其他；按月考评只计报送省计生协的信息",
     .example = "省计生协"},
};

#define PROVINCIAL "省级"
#define HEALTH_SITE "家庭健康促进行动项目点"
static const char *const project_levels[] = {PROVINCIAL, "市级", NULL};
static const char *const project_kinds[] = {HEALTH_SITE, "品牌项目", NULL};
static const char *const project_states[] = {"申报", "建成", NULL};

static const struct kp_column project_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "项目点或品牌所在单位的代码",
     .example = "420102000000"},
    {.id = "name", .title = "名称", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "名称",
     .example = "江北区家庭健康促进行动项目点"},
    {.id = "level", .title = "级别", .type = KP_TEXT, .allowed = project_levels,
     .description = "级别",
     .example = "省级"},
    {.id = "kind", .title = "类型", .type = KP_TEXT, .allowed = project_kinds,
     .description = "类型",
     .example = "家庭健康促进行动项目点"},
    {.id = "status", .title = "状态", .type = KP_TEXT, .allowed = project_states,
     .description = "进度；省级项目点建成的才计入目标",
     .example = "建成"},
};

static const struct kp_column volunteer_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "组织志愿服务的单位代码",
     .example = "420102001000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "活动日期",
     .example = "2023-05-29"},
    {.id = "title", .title = "主题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "活动主题",
     .example = "暖心行动志愿服务"},
    {.id = "volunteers", .title = "人数", .type = KP_INT,
     .description = "参加的志愿者人数",
     .example = "12"},
    {.id = "in_uniform", .title = "着统一服装", .type = KP_BOOL,
     .description = "志愿者是否统一着计生协服装",
     .example = "是"},
};

static const struct kp_table tables[] = {
    {.id = "info_reports", .title = "信息报送", .columns = report_columns,
     .ncolumns = KP_COUNT(report_columns),
     .sample_rows = influence_sample_reports},
    {.id = "brand_projects", .title = "品牌与项目点", .columns = project_columns,
     .ncolumns = KP_COUNT(project_columns),
     .sample_rows = influence_sample_projects},
    {.id = "volunteer_events", .title = "志愿服务", .columns = volunteer_columns,
     .ncolumns = KP_COUNT(volunteer_columns),
     .sample_rows = influence_sample_volunteers},
};

/* ---- Provincial project sites ------------------------------------------- */

struct sites {
    const struct kp_host *host;
    struct kp_eval *ev;
    long built, applied;
};

/* Row: unit code, name, status of a provincial 家庭健康促进行动项目点. */
static int site_row(void *ud, struct kp_row *r)
{
    struct sites *s = ud;
    const struct kp_host *h = s->host;
    const char *status = h->row_text(r, 2);
    if (!strcmp(status, "建成")) {
        s->built++;
        return 0;
    }
    if (!strcmp(status, "申报"))
        s->applied++;
    char detail[512];
    snprintf(detail, sizeof detail, "%s（%s）", h->row_text(r, 1), *status ? status : "状态未填");
    h->add_evidence(s->ev, h->row_text(r, 0), detail);
    return 0;
}

static int provincial_sites(const struct kp_host *h, struct kp_eval *ev)
{
    double rows;
    /* From the county's units (index units_county) through the key of
     * brand_projects, which leads with the unit. */
    if (h->query_number(ev,
                        "SELECT count(*) FROM units u JOIN brand_projects b ON b.unit = u.code"
                        " WHERE u.county = :county",
                        &rows, NULL))
        return -1;
    if (rows == 0) {
        h->set_no_data(ev, "没有品牌与项目点记录");
        return 0;
    }
    struct sites s = {.host = h, .ev = ev};
    if (h->query(ev,
                 "SELECT b.unit, b.name, b.status FROM units u JOIN brand_projects b"
                 " ON b.unit = u.code WHERE u.county = :county AND b.level = '" PROVINCIAL "'"
                 " AND b.kind = '" HEALTH_SITE "' ORDER BY b.unit, b.name",
                 site_row, &s))
        return -1;
    h->add_figure(ev, "建成的省级项目点", (double)s.built);
    h->add_figure(ev, "申报中的省级项目点", (double)s.applied);
    h->set_value(ev, (double)s.built);
    return 0;
}

/* ---- Information reports ------------------------------------------------ */

struct months {
    const struct kp_host *host;
    long reports[12]; /* sent to the provincial association */
    long adopted, all;
};

/* Row: month number (1..12), reports sent to the province in it, reports
 * adopted, all reports. */
static int month_row(void *ud, struct kp_row *r)
{
    struct months *m = ud;
    long month = (long)m->host->row_int(r, 0);
    if (month >= 1 && month <= 12)
        m->reports[month - 1] += (long)m->host->row_int(r, 1);
    m->adopted += (long)m->host->row_int(r, 2);
    m->all += (long)m->host->row_int(r, 3);
    return 0;
}

static int report_months(const struct kp_host *h, struct kp_eval *ev)
{
    struct months m = {.host = h};
    /* Reports come from the county itself: its key (unit, date, ...) finds
     * the year's rows directly. */
    if (h->query(ev,
                 "SELECT CAST(substr(r.date, 6, 2) AS INTEGER),"
                 " coalesce(sum(r.sent_to = '" TO_PROVINCE "'), 0), count(r.adopted), count(*)"
                 " FROM info_reports r WHERE r.unit = :county"
                 " AND r.date BETWEEN :year_start AND :year_end GROUP BY 1",
                 month_row, &m))
        return -1;
    long total = 0, good = 0;
    for (int i = 0; i < 12; i++)
        total += m.reports[i];
    if (m.all == 0) {
        h->set_no_data(ev, "本年度没有信息报送记录");
        return 0;
    }
    for (int i = 0; i < 12; i++) {
        if (m.reports[i] >= 2) {
            good++;
            continue;
        }
        char key[16], detail[32];
        snprintf(key, sizeof key, "%04d-%02d", h->year(ev), i + 1);
        snprintf(detail, sizeof detail, "%ld篇", m.reports[i]);
        h->add_evidence(ev, key, detail);
    }
    h->add_figure(ev, "报送2篇以上的月份", (double)good);
    h->add_figure(ev, "报送省计生协篇数", (double)total);
    h->add_figure(ev, "信息篇数", (double)m.all);
    h->add_figure(ev, "被采用篇数", (double)m.adopted);
    /* The month by month counts go into the run too, so that a report's
     * monthly chart comes from the run it reports on, not from today's data. */
    for (int i = 0; i < 12; i++) {
        char name[16];
        snprintf(name, sizeof name, "%d月", i + 1);
        h->add_figure(ev, name, (double)m.reports[i]);
    }
    h->set_value(ev, (double)good);
    return 0;
}

/* ---- Volunteer uniform -------------------------------------------------- */

struct uniform {
    const struct kp_host *host;
    struct kp_eval *ev;
    long total, met;
    double volunteers;
};

/* Row: unit code, date, title, in_uniform, volunteers.  An event counts when
 * in_uniform is 是; an empty field does not. */
static int volunteer_row(void *ud, struct kp_row *r)
{
    struct uniform *u = ud;
    const struct kp_host *h = u->host;
    u->total++;
    u->volunteers += h->row_real(r, 4);
    if (!h->row_is_null(r, 3) && h->row_int(r, 3)) {
        u->met++;
        return 0;
    }
    char detail[512];
    snprintf(detail, sizeof detail, "%s %s（%s）", h->row_text(r, 1), h->row_text(r, 2),
             h->row_is_null(r, 3) ? "未填写是否着装" : "未着统一服装");
    h->add_evidence(u->ev, h->row_text(r, 0), detail);
    return 0;
}

static int volunteer_uniform(const struct kp_host *h, struct kp_eval *ev)
{
    struct uniform u = {.host = h, .ev = ev};
    if (h->query(ev,
                 "SELECT v.unit, v.date, v.title, v.in_uniform, v.volunteers FROM units u"
                 " JOIN volunteer_events v ON v.unit = u.code WHERE u.county = :county"
                 " AND v.date BETWEEN :year_start AND :year_end"
                 " ORDER BY v.date, v.unit, v.title",
                 volunteer_row, &u))
        return -1;
    if (u.total == 0) {
        h->set_no_data(ev, "本年度没有志愿服务记录");
        return 0;
    }
    h->add_figure(ev, "着统一服装的活动", (double)u.met);
    h->add_figure(ev, "志愿服务活动", (double)u.total);
    h->add_figure(ev, "志愿者人次", u.volunteers);
    h->set_value(ev, 100.0 * (double)u.met / (double)u.total);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "provincial_sites", .title = "建成的省级家庭健康促进行动项目点", .measure = "个",
     .evidence_title = "尚未建成的省级项目点", .compute = provincial_sites},
    {.id = "report_months", .title = "每月报送信息2篇以上的月份", .measure = "月",
     .evidence_title = "报送不足2篇的月份", .compute = report_months},
    {.id = "volunteer_uniform", .title = "着统一服装的志愿服务活动占比", .measure = "%",
     .evidence_title = "未着统一服装的活动", .compute = volunteer_uniform},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "influence",
    .title = "扩大协会组织影响",
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
