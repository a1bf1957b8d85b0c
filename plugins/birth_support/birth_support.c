/*
 * birth_support.c — 开展生育支持服务 (work area 3 of the 2023 plan).
 *
 * The plan asks for policy outreach "进单位、进工厂、进学校、进社区、进家庭"
 * and for 优生优育指导中心 and 向日葵亲子小屋 to be built.  The indicators
 * count the venues reached and the outreach events of the year, listing the
 * venues and townships left out, and count the service sites that stand,
 * listing those still being built.
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

/* The five venues of the plan, in its order (also the evidence order). */
static const char *const venues[] = {"单位", "工厂", "学校", "社区", "家庭", NULL};
#define NVENUES 5
static const char *const outreach_forms[] = {"海报", "展板", "宣传栏", "宣传单", "其他", NULL};

static const struct kp_column outreach_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "开展政策宣传的单位代码",
     .example = "420102001000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "宣传活动的日期",
     .example = "2023-05-29"},
    {.id = "venue", .title = "场所", .type = KP_TEXT, .flags = KP_COL_KEY, .allowed = venues,
     .description = "宣传进入的场所，对应“进单位、进工厂、进学校、进社区、进家庭”",
     .example = "学校"},
    {.id = "form", .title = "形式", .type = KP_TEXT, .allowed = outreach_forms,
     .description = "宣传品或宣传方式",
     .example = "展板"},
    {.id = "quantity", .title = "数量", .type = KP_INT,
     .description = "发放或布置宣传品的数量",
     .example = "20"},
    {.id = "audience", .title = "受众人数", .type = KP_INT,
     .description = "受众人数",
     .example = "300"},
};

#define GUIDANCE_CENTER "优生优育指导中心"
#define SUNFLOWER_HUT "向日葵亲子小屋"
static const char *const site_kinds[] = {GUIDANCE_CENTER, SUNFLOWER_HUT, NULL};
static const char *const site_states[] = {"建设中", "已建成", "已评估", NULL};

static const struct kp_column site_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "阵地所在单位的代码",
     .example = "420102001001"},
    {.id = "kind", .title = "类型", .type = KP_TEXT, .allowed = site_kinds,
     .description = "阵地类型",
     .example = "向日葵亲子小屋"},
    {.id = "name", .title = "名称", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "阵地名称",
     .example = "东湖社区向日葵亲子小屋"},
    {.id = "status", .title = "状态", .type = KP_TEXT, .allowed = site_states,
     .description = "建设进度；已建成或已评估的才计入目标",
     .example = "已建成"},
    {.id = "opened_on", .title = "建成日期", .type = KP_DATE,
     .description = "建成日期，尚在建设的不填",
     .example = "2023-06-01"},
};

static const struct kp_table tables[] = {
    {.id = "policy_outreach", .title = "政策宣传", .columns = outreach_columns,
     .ncolumns = KP_COUNT(outreach_columns),
     .sample_rows = birth_support_sample_outreach},
    {.id = "service_sites", .title = "服务阵地", .columns = site_columns,
     .ncolumns = KP_COUNT(site_columns),
     .sample_rows = birth_support_sample_sites},
};

/* ---- Policy outreach ---------------------------------------------------- */

/* Queries start from the county's own units (index units_county) and reach
 * rows through keys that lead with the unit: the cost is the county's rows. */

static const char count_outreach_sql[] =
    "SELECT count(*) FROM units u JOIN policy_outreach o ON o.unit = u.code"
    " WHERE u.county = :county AND o.date BETWEEN :year_start AND :year_end";

/* The shared no-data rule: a county with no outreach in the year has no data. */
static int count_outreach(const struct kp_host *h, struct kp_eval *ev, double *n)
{
    if (h->query_number(ev, count_outreach_sql, n, NULL))
        return -1;
    if (*n == 0)
        h->set_no_data(ev, "本年度没有政策宣传记录");
    return 0;
}

struct reached {
    const struct kp_host *host;
    int venue[NVENUES];
};

/* Row: a venue reached in the year. */
static int venue_row(void *ud, struct kp_row *r)
{
    struct reached *v = ud;
    const char *name = v->host->row_text(r, 0);
    for (int i = 0; i < NVENUES; i++)
        if (!strcmp(name, venues[i]))
            v->venue[i] = 1;
    return 0;
}

static int venue_types(const struct kp_host *h, struct kp_eval *ev)
{
    double n;
    if (count_outreach(h, ev, &n))
        return -1;
    if (n == 0)
        return 0;
    struct reached v = {.host = h};
    if (h->query(ev,
                 "SELECT DISTINCT o.venue FROM units u JOIN policy_outreach o ON o.unit = u.code"
                 " WHERE u.county = :county AND o.date BETWEEN :year_start AND :year_end",
                 venue_row, &v))
        return -1;
    int count = 0;
    for (int i = 0; i < NVENUES; i++) {
        if (v.venue[i])
            count++;
        else
            h->add_evidence(ev, venues[i], "本年度未开展政策宣传");
    }
    h->add_figure(ev, "已覆盖的场所类型", count);
    h->add_figure(ev, "场所类型总数", NVENUES);
    h->set_value(ev, count);
    return 0;
}

struct quiet {
    const struct kp_host *host;
    struct kp_eval *ev;
};

/* Row: township code, outreach events at the township or its villages. */
static int township_row(void *ud, struct kp_row *r)
{
    struct quiet *q = ud;
    if (q->host->row_int(r, 1) == 0)
        q->host->add_evidence(q->ev, q->host->row_text(r, 0), "本年度未开展政策宣传");
    return 0;
}

static int outreach_events(const struct kp_host *h, struct kp_eval *ev)
{
    double n, quantity, audience;
    if (count_outreach(h, ev, &n))
        return -1;
    if (n == 0)
        return 0;
    struct quiet q = {h, ev};
    if (h->query_number(ev,
                        "SELECT coalesce(sum(o.quantity), 0) FROM units u"
                        " JOIN policy_outreach o ON o.unit = u.code WHERE u.county = :county"
                        " AND o.date BETWEEN :year_start AND :year_end",
                        &quantity, NULL) ||
        h->query_number(ev,
                        "SELECT coalesce(sum(o.audience), 0) FROM units u"
                        " JOIN policy_outreach o ON o.unit = u.code WHERE u.county = :county"
                        " AND o.date BETWEEN :year_start AND :year_end",
                        &audience, NULL) ||
        h->query(ev,
                 "SELECT t.code,"
                 " (SELECT count(*) FROM policy_outreach o WHERE o.unit = t.code"
                 "    AND o.date BETWEEN :year_start AND :year_end)"
                 " + (SELECT count(*) FROM units v JOIN policy_outreach o ON o.unit = v.code"
                 "    WHERE v.parent = t.code AND o.date BETWEEN :year_start AND :year_end)"
                 " FROM units t WHERE t.county = :county AND t.level = 3 ORDER BY t.code",
                 township_row, &q))
        return -1;
    h->add_figure(ev, "政策宣传场次", n);
    h->add_figure(ev, "宣传品数量", quantity);
    h->add_figure(ev, "受众人数", audience);
    h->set_value(ev, n);
    return 0;
}

/* ---- Service sites ------------------------------------------------------ */

struct sites {
    const struct kp_host *host;
    struct kp_eval *ev;
    const char *kind;     /* the kind counted                               */
    char year_end[16];    /* a site opened after this did not stand yet     */
    long rows, built, evaluated, building;
};

/* Row: unit code, name, kind, status, opened_on.  A site of the kind counts
 * when it is 已建成 or 已评估 and opened by the end of the year; a site whose
 * kind is empty is listed under both kinds, since it may be either. */
static int site_row(void *ud, struct kp_row *r)
{
    struct sites *s = ud;
    const struct kp_host *h = s->host;
    const char *name = h->row_text(r, 1), *status = h->row_text(r, 3);
    const char *opened = h->row_text(r, 4);
    char detail[512];
    s->rows++;
    if (h->row_is_null(r, 2)) {
        snprintf(detail, sizeof detail, "%s（类型未填）", name);
        h->add_evidence(s->ev, h->row_text(r, 0), detail);
        return 0;
    }
    if (strcmp(h->row_text(r, 2), s->kind))
        return 0;
    int stands = !strcmp(status, "已建成") || !strcmp(status, "已评估");
    if (stands && !h->row_is_null(r, 4) && strcmp(opened, s->year_end) > 0) {
        snprintf(detail, sizeof detail, "%s（%s建成）", name, opened);
        h->add_evidence(s->ev, h->row_text(r, 0), detail);
        return 0;
    }
    if (!strcmp(status, "已建成")) {
        s->built++;
    } else if (!strcmp(status, "已评估")) {
        s->evaluated++;
    } else {
        if (!strcmp(status, "建设中"))
            s->building++;
        snprintf(detail, sizeof detail, "%s（%s）", name, *status ? status : "状态未填");
        h->add_evidence(s->ev, h->row_text(r, 0), detail);
    }
    return 0;
}

static int count_sites(const struct kp_host *h, struct kp_eval *ev, const char *kind)
{
    struct sites s = {.host = h, .ev = ev, .kind = kind};
    snprintf(s.year_end, sizeof s.year_end, "%04d-12-31", h->year(ev));
    if (h->query(ev,
                 "SELECT s.unit, s.name, s.kind, s.status, s.opened_on FROM units u"
                 " JOIN service_sites s ON s.unit = u.code WHERE u.county = :county"
                 " ORDER BY s.unit, s.name",
                 site_row, &s))
        return -1;
    if (s.rows == 0) {
        h->set_no_data(ev, "没有服务阵地记录");
        return 0;
    }
    h->add_figure(ev, "已建成", (double)s.built);
    h->add_figure(ev, "已评估", (double)s.evaluated);
    h->add_figure(ev, "建设中", (double)s.building);
    h->set_value(ev, (double)(s.built + s.evaluated));
    return 0;
}

static int guidance_centers(const struct kp_host *h, struct kp_eval *ev)
{
    return count_sites(h, ev, GUIDANCE_CENTER);
}

static int sunflower_huts(const struct kp_host *h, struct kp_eval *ev)
{
    return count_sites(h, ev, SUNFLOWER_HUT);
}

static const struct kp_indicator indicators[] = {
    {.id = "venue_types", .title = "政策宣传覆盖的场所类型", .measure = "类",
     .evidence_title = "未开展政策宣传的场所", .compute = venue_types},
    {.id = "outreach_events", .title = "政策宣传场次", .measure = "场",
     .evidence_title = "未开展政策宣传的乡镇", .compute = outreach_events},
    {.id = "guidance_centers", .title = "建成或通过评估的优生优育指导中心", .measure = "个",
     .evidence_title = "未建成的优生优育指导中心", .compute = guidance_centers},
    {.id = "sunflower_huts", .title = "建成或通过评估的向日葵亲子小屋", .measure = "个",
     .evidence_title = "未建成的向日葵亲子小屋", .compute = sunflower_huts},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "birth_support",
    .title = "开展生育支持服务",
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
