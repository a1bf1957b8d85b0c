/*
 * health_promotion.c — 推进健康促进行动 (work area 5 of the 2023 plan).
 *
 * The plan asks every grassroots association to hold one or two 家庭健康知识
 * 大讲堂 a year, half of all villages to have at least two family health
 * instructors, and counties to apply for health projects.  The indicators
 * measure exactly that, and list the townships and villages that fell short.
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

static const struct kp_column lecture_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_TOWNSHIP | KP_LEVEL_VILLAGE,
     .description = "举办讲堂的乡镇（街道）或村（社区）的单位代码",
     .example = "420102001001"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "讲堂举办的日期",
     .example = "2023-05-29"},
    {.id = "title", .title = "主题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "讲堂主题",
     .example = "合理膳食 健康生活"},
    {.id = "participants", .title = "参加人数", .type = KP_INT,
     .description = "参加人数",
     .example = "45"},
};

static const struct kp_column instructor_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_VILLAGE,
     .description = "村（社区）的单位代码，每村每年一行；未报的村按缺指导员计",
     .example = "420102001001"},
    {.id = "year", .title = "年度", .type = KP_YEAR, .flags = KP_COL_KEY,
     .description = "年度",
     .example = "2023"},
    {.id = "instructors", .title = "人数", .type = KP_INT,
     .description = "配备的家庭健康指导员人数，2名以上为达标",
     .example = "2"},
};

static const char *const project_kinds[] = {"家庭健康服务中心", "流动人口健康促进", "其他", NULL};
static const char *const project_states[] = {"申报", "立项", "建成", NULL};

static const struct kp_column project_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "承担项目的单位代码",
     .example = "420102000000"},
    {.id = "name", .title = "项目名称", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "项目名称",
     .example = "江北区家庭健康服务中心"},
    {.id = "kind", .title = "类型", .type = KP_TEXT, .allowed = project_kinds,
     .description = "项目类型",
     .example = "家庭健康服务中心"},
    {.id = "status", .title = "状态", .type = KP_TEXT, .allowed = project_states,
     .description = "项目进度",
     .example = "立项"},
};

static const struct kp_table tables[] = {
    {.id = "health_lectures", .title = "家庭健康知识大讲堂", .columns = lecture_columns,
     .ncolumns = KP_COUNT(lecture_columns),
     .sample_rows = health_promotion_sample_lectures},
    {.id = "health_instructors", .title = "家庭健康指导员", .columns = instructor_columns,
     .ncolumns = KP_COUNT(instructor_columns),
     .sample_rows = health_promotion_sample_instructors},
    {.id = "health_projects", .title = "健康项目", .columns = project_columns,
     .ncolumns = KP_COUNT(project_columns),
     .sample_rows = health_promotion_sample_projects},
};

/* ---- Indicators -------------------------------------------------------- */

struct tally {
    const struct kp_host *host;
    struct kp_eval *ev;
    long total, met;
};

static double percent(long part, long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* Row: unit code, lectures held in the year. */
static int lecture_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (h->row_int(r, 1) > 0)
        t->met++;
    else
        h->add_evidence(t->ev, h->row_text(r, 0), "本年度未开展大讲堂");
    return 0;
}

static int lecture_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {h, ev, 0, 0};
    double sessions, people;
    /* No rows for the year is 无数据, decided first: a list of every unit
     * "missing" is not worth showing then. */
    if (h->query_number(ev,
                        "SELECT count(*) FROM health_lectures l JOIN units u ON u.code = l.unit"
                        " WHERE u.county = :county AND l.date BETWEEN :year_start AND :year_end",
                        &sessions, NULL))
        return -1;
    if (sessions == 0) {
        h->set_no_data(ev, "本年度没有家庭健康知识大讲堂记录");
        return 0;
    }
    if (h->query(ev,
                 "SELECT u.code, (SELECT count(*) FROM health_lectures l"
                 "   WHERE l.unit = u.code AND l.date BETWEEN :year_start AND :year_end)"
                 " FROM units u WHERE u.county = :county AND u.level IN (3, 4) ORDER BY u.code",
                 lecture_row, &t))
        return -1;
    if (t.total == 0) {
        h->set_no_data(ev, "县内没有乡镇或村级单位");
        return 0;
    }
    if (h->query_number(ev,
                        "SELECT coalesce(sum(l.participants), 0) FROM health_lectures l"
                        " JOIN units u ON u.code = l.unit"
                        " WHERE u.county = :county AND l.date BETWEEN :year_start AND :year_end",
                        &people, NULL))
        return -1;
    h->add_figure(ev, "开展大讲堂的基层协会", (double)t.met);
    h->add_figure(ev, "基层协会总数", (double)t.total);
    h->add_figure(ev, "大讲堂场次", sessions);
    h->add_figure(ev, "参加人数", people);
    h->set_value(ev, percent(t.met, t.total));
    return 0;
}

/* Row: village code, instructors reported for the year (NULL: no row). */
static int instructor_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    t->total++;
    if (h->row_is_null(r, 1)) {
        h->add_evidence(t->ev, h->row_text(r, 0), "未上报指导员人数");
        return 0;
    }
    long n = (long)h->row_int(r, 1);
    if (n >= 2) {
        t->met++;
    } else {
        char detail[64];
        snprintf(detail, sizeof detail, "指导员 %ld 名", n);
        h->add_evidence(t->ev, h->row_text(r, 0), detail);
    }
    return 0;
}

static int instructor_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {h, ev, 0, 0};
    double rows;
    if (h->query_number(ev,
                        "SELECT count(*) FROM health_instructors i JOIN units u ON u.code = i.unit"
                        " WHERE u.county = :county AND i.year = :year",
                        &rows, NULL))
        return -1;
    if (rows == 0) {
        h->set_no_data(ev, "本年度没有家庭健康指导员记录");
        return 0;
    }
    if (h->query(ev,
                 "SELECT u.code, (SELECT i.instructors FROM health_instructors i"
                 "   WHERE i.unit = u.code AND i.year = :year)"
                 " FROM units u WHERE u.county = :county AND u.level = 4 ORDER BY u.code",
                 instructor_row, &t))
        return -1;
    if (t.total == 0) {
        h->set_no_data(ev, "县内没有村级单位");
        return 0;
    }
    h->add_figure(ev, "配备2名以上指导员的村", (double)t.met);
    h->add_figure(ev, "村总数", (double)t.total);
    h->set_value(ev, percent(t.met, t.total));
    return 0;
}

/* Whether a project counts, as the plan words it: a 家庭健康服务中心 is to be
 * applied for (申报), so applying counts; a 流动人口健康促进 project is to be
 * won and carried out (争取并实施), so only 立项 or 建成 count; other kinds
 * are not the plan's and never count. */
static int project_counts(const char *kind, const char *status)
{
    if (!strcmp(kind, "家庭健康服务中心"))
        return !strcmp(status, "申报") || !strcmp(status, "立项") || !strcmp(status, "建成");
    if (!strcmp(kind, "流动人口健康促进"))
        return !strcmp(status, "立项") || !strcmp(status, "建成");
    return 0;
}

/* Row: unit code, project name, kind, status.  Every project is listed, with
 * whether it counted. */
static int project_row(void *ud, struct kp_row *r)
{
    struct tally *t = ud;
    const struct kp_host *h = t->host;
    const char *kind = h->row_text(r, 2), *status = h->row_text(r, 3);
    int counts = project_counts(kind, status);
    char detail[512];
    t->total++;
    t->met += counts;
    snprintf(detail, sizeof detail, "%s（%s，%s%s）", h->row_text(r, 1),
             *kind ? kind : "类型未填", *status ? status : "状态未填", counts ? "" : "，不计分");
    h->add_evidence(t->ev, h->row_text(r, 0), detail);
    return 0;
}

static int projects(const struct kp_host *h, struct kp_eval *ev)
{
    struct tally t = {h, ev, 0, 0};
    if (h->query(ev,
                 "SELECT p.unit, p.name, p.kind, p.status FROM health_projects p"
                 " JOIN units u ON u.code = p.unit WHERE u.county = :county"
                 " ORDER BY p.unit, p.name",
                 project_row, &t))
        return -1;
    if (t.total == 0) {
        h->set_no_data(ev, "没有健康项目记录");
        return 0;
    }
    h->add_figure(ev, "健康项目", (double)t.total);
    h->add_figure(ev, "计分的项目", (double)t.met);
    h->set_value(ev, (double)t.met);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "lecture_coverage", .title = "基层协会开展家庭健康知识大讲堂覆盖率", .measure = "%",
     .evidence_title = "未开展大讲堂的基层协会", .compute = lecture_coverage},
    {.id = "instructor_coverage", .title = "配备2名以上家庭健康指导员的村占比", .measure = "%",
     .evidence_title = "指导员不足2名的村", .compute = instructor_coverage},
    {.id = "projects", .title = "申报和建成的健康项目", .measure = "个",
     .evidence_title = "健康项目", .compute = projects},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "health_promotion",
    .title = "推进健康促进行动",
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
