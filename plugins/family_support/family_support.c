/*
 * family_support.c — 落实计生家庭帮扶 (work area 4 of the 2023 plan).
 *
 * The plan asks for the "三个全覆盖" (双岗联系人、家庭医生签约、优先便利医疗)
 * of special families, visits, nursing-subsidy insurance, 暖心家园, and
 * accident insurance that grows on last year.  special_families holds one
 * row per family as it stands now (it has no year), so the coverage
 * indicators describe the current register whatever year is assessed; they
 * list the family ids that lack the item.  Accident insurance is reported
 * per county and year, so that the rules can compare a year with the one
 * before by evaluating the same indicator for year − 1.
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

/* `unit` is required although the contract does not mark it: a family without
 * a unit belongs to no county and would silently drop out of every figure. */
static const struct kp_column family_columns[] = {
    {.id = "family_id", .title = "家庭编号", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "计生特殊家庭的编号，每户一行、编号不重复",
     .example = "420102-00017"},
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_REQUIRED,
     .levels = KP_LEVEL_VILLAGE,
     .description = "家庭所在村（社区）的单位代码",
     .example = "420102001001"},
    {.id = "liaison", .title = "双岗联系人", .type = KP_BOOL,
     .description = "是否落实双岗联系人",
     .example = "是"},
    {.id = "family_doctor", .title = "家庭医生签约", .type = KP_BOOL,
     .description = "是否已签约家庭医生",
     .example = "是"},
    {.id = "priority_care", .title = "优先便利医疗", .type = KP_BOOL,
     .description = "是否享受优先便利医疗服务",
     .example = "是"},
    {.id = "visits", .title = "年度走访次数", .type = KP_INT,
     .description = "本年度走访慰问的次数，不少于2次为达标",
     .example = "4"},
    {.id = "nursing_insurance", .title = "住院护理补贴保险", .type = KP_BOOL,
     .description = "是否参加住院护理补贴保险",
     .example = "是"},
    {.id = "supplementary_insurance", .title = "补充医疗保险", .type = KP_BOOL,
     .description = "是否参加补充医疗保险",
     .example = "否"},
};

static const char *const home_states[] = {"申报", "在建", "建成", NULL};

static const struct kp_column home_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "暖心家园所在单位的代码",
     .example = "420102001001"},
    {.id = "name", .title = "名称", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "暖心家园名称",
     .example = "东湖社区暖心家园"},
    {.id = "status", .title = "状态", .type = KP_TEXT, .allowed = home_states,
     .description = "建设进度；建成的才计入目标",
     .example = "建成"},
};

static const struct kp_column insurance_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_COUNTY,
     .description = "县市区的单位代码，每县每年一行",
     .example = "420102000000"},
    {.id = "year", .title = "年度", .type = KP_YEAR, .flags = KP_COL_KEY,
     .description = "投保年度；与上一年比较是否“稳中有升”",
     .example = "2023"},
    {.id = "policies", .title = "份数", .type = KP_INT,
     .description = "计生家庭意外伤害保险的投保份数",
     .example = "1200"},
    {.id = "insured", .title = "参保人数", .type = KP_INT,
     .description = "参保人数",
     .example = "2400"},
    {.id = "premium", .title = "保费", .type = KP_REAL,
     .description = "保费总额（元），可带小数",
     .example = "60000.00"},
};

static const struct kp_table tables[] = {
    {.id = "special_families", .title = "计生特殊家庭", .columns = family_columns,
     .ncolumns = KP_COUNT(family_columns),
     .sample_rows = family_support_sample_families},
    {.id = "warm_homes", .title = "暖心家园", .columns = home_columns,
     .ncolumns = KP_COUNT(home_columns),
     .sample_rows = family_support_sample_homes},
    {.id = "accident_insurance", .title = "计生家庭意外伤害保险", .columns = insurance_columns,
     .ncolumns = KP_COUNT(insurance_columns),
     .sample_rows = family_support_sample_insurance},
};

/* ---- Special families --------------------------------------------------- */

/* Every family of the county, through its villages (index units_county) and
 * the index on special_families.unit.  Columns 1..6 follow the table. */
static const char families_sql[] =
    "SELECT f.family_id, f.liaison, f.family_doctor, f.priority_care, f.visits,"
    " f.nursing_insurance, f.supplementary_insurance"
    " FROM units u JOIN special_families f ON f.unit = u.code"
    " WHERE u.county = :county AND u.level = 4 ORDER BY f.family_id";

enum { COL_LIAISON = 1, COL_DOCTOR, COL_PRIORITY, COL_VISITS, COL_NURSING, COL_SUPPLEMENTARY };

struct coverage {
    const struct kp_host *host;
    struct kp_eval *ev;
    int col;             /* the column measured                           */
    const char *lacking; /* evidence detail when it is 否                  */
    long total, met, supplementary;
};

/* Row: one family (families_sql).  The family meets the target when its
 * column is 是 — or, for visits, at least 2; an empty field does not. */
static int family_row(void *ud, struct kp_row *r)
{
    struct coverage *c = ud;
    const struct kp_host *h = c->host;
    const char *id = h->row_text(r, 0);
    c->total++;
    if (!h->row_is_null(r, COL_SUPPLEMENTARY) && h->row_int(r, COL_SUPPLEMENTARY))
        c->supplementary++;
    if (c->col == COL_VISITS) {
        if (h->row_is_null(r, COL_VISITS)) {
            h->add_evidence(c->ev, id, "未填写走访次数");
        } else if (h->row_int(r, COL_VISITS) < 2) {
            char detail[64];
            snprintf(detail, sizeof detail, "走访 %lld 次", (long long)h->row_int(r, COL_VISITS));
            h->add_evidence(c->ev, id, detail);
        } else {
            c->met++;
        }
        return 0;
    }
    if (h->row_is_null(r, c->col))
        h->add_evidence(c->ev, id, "未填写");
    else if (h->row_int(r, c->col) == 0)
        h->add_evidence(c->ev, id, c->lacking);
    else
        c->met++;
    return 0;
}

static int family_share(const struct kp_host *h, struct kp_eval *ev, int col,
                        const char *lacking, const char *met_name)
{
    struct coverage c = {.host = h, .ev = ev, .col = col, .lacking = lacking};
    if (h->query(ev, families_sql, family_row, &c))
        return -1;
    if (c.total == 0) {
        h->set_no_data(ev, "没有计生特殊家庭记录");
        return 0;
    }
    h->add_figure(ev, met_name, (double)c.met);
    h->add_figure(ev, "特殊家庭总数", (double)c.total);
    if (col == COL_NURSING)
        h->add_figure(ev, "参加补充医疗保险的家庭", (double)c.supplementary);
    h->set_value(ev, 100.0 * (double)c.met / (double)c.total);
    return 0;
}

static int liaison_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    return family_share(h, ev, COL_LIAISON, "未落实双岗联系人", "落实双岗联系人的家庭");
}

static int doctor_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    return family_share(h, ev, COL_DOCTOR, "未签约家庭医生", "签约家庭医生的家庭");
}

static int priority_care_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    return family_share(h, ev, COL_PRIORITY, "未落实优先便利医疗", "落实优先便利医疗的家庭");
}

static int visit_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    return family_share(h, ev, COL_VISITS, NULL, "走访2次以上的家庭");
}

static int nursing_insurance_coverage(const struct kp_host *h, struct kp_eval *ev)
{
    return family_share(h, ev, COL_NURSING, "未参加住院护理补贴保险", "参加住院护理补贴保险的家庭");
}

/* ---- Accident insurance ------------------------------------------------- */

struct policy_year {
    const struct kp_host *host;
    int found;
    int null[3];
    double value[3]; /* policies, insured, premium */
};

/* Row: policies, insured, premium of one county-year. */
static int policy_row(void *ud, struct kp_row *r)
{
    struct policy_year *p = ud;
    p->found = 1;
    for (int i = 0; i < 3; i++) {
        p->null[i] = p->host->row_is_null(r, i);
        p->value[i] = p->host->row_real(r, i);
    }
    return 1;
}

/* How one measure of accident insurance (0 policies, 1 people insured)
 * compares with last year.  The plan asks the 覆盖面 to grow, which is people
 * insured; policies are kept as a figure and as an indicator of their own. */
struct accident_measure {
    int col;
    const char *name, *unit, *missing, *fewer;
};

static const struct accident_measure by_policies = {0, "份数", "份", "本年度意外伤害保险份数未填写",
                                                    "比上年减少 %.0f 份"};
static const struct accident_measure by_insured = {1, "参保人数", "人",
                                                   "本年度意外伤害保险参保人数未填写",
                                                   "参保人数比上年减少 %.0f 人"};

static int accident_compare(const struct kp_host *h, struct kp_eval *ev,
                            const struct accident_measure *m)
{
    struct policy_year now = {.host = h}, before = {.host = h};
    /* The key (unit, year) finds each row directly. */
    if (h->query(ev,
                 "SELECT policies, insured, premium FROM accident_insurance"
                 " WHERE unit = :county AND year = :year",
                 policy_row, &now) ||
        h->query(ev,
                 "SELECT policies, insured, premium FROM accident_insurance"
                 " WHERE unit = :county AND year = :prev_year",
                 policy_row, &before))
        return -1;
    if (!now.found) {
        h->set_no_data(ev, "本年度没有意外伤害保险记录");
        return 0;
    }
    if (now.null[m->col]) {
        h->set_no_data(ev, m->missing);
        return 0;
    }
    static const char *const names[3] = {"份数", "参保人数", "保费（元）"};
    for (int i = 0; i < 3; i++)
        if (!now.null[i])
            h->add_figure(ev, names[i], now.value[i]);
    if (before.found && !before.null[m->col]) {
        char prev[64];
        snprintf(prev, sizeof prev, "上年%s", m->name);
        h->add_figure(ev, prev, before.value[m->col]);
        if (now.value[m->col] < before.value[m->col]) {
            char detail[128];
            snprintf(detail, sizeof detail, m->fewer, before.value[m->col] - now.value[m->col]);
            h->add_evidence(ev, h->county(ev), detail);
        }
    }
    h->set_value(ev, now.value[m->col]);
    return 0;
}

static int accident_policies(const struct kp_host *h, struct kp_eval *ev)
{
    return accident_compare(h, ev, &by_policies);
}

static int accident_insured(const struct kp_host *h, struct kp_eval *ev)
{
    return accident_compare(h, ev, &by_insured);
}

/* ---- Warm homes --------------------------------------------------------- */

struct homes {
    const struct kp_host *host;
    struct kp_eval *ev;
    long rows, state[3]; /* 申报, 在建, 建成 */
};

/* Row: unit code, name, status.  Every home not yet 建成 is listed. */
static int home_row(void *ud, struct kp_row *r)
{
    struct homes *w = ud;
    const struct kp_host *h = w->host;
    const char *status = h->row_text(r, 2);
    w->rows++;
    for (int i = 0; i < 3; i++)
        if (!strcmp(status, home_states[i]))
            w->state[i]++;
    if (strcmp(status, "建成")) {
        char detail[512];
        snprintf(detail, sizeof detail, "%s（%s）", h->row_text(r, 1),
                 *status ? status : "状态未填");
        h->add_evidence(w->ev, h->row_text(r, 0), detail);
    }
    return 0;
}

static int warm_homes(const struct kp_host *h, struct kp_eval *ev)
{
    struct homes w = {.host = h, .ev = ev};
    if (h->query(ev,
                 "SELECT w.unit, w.name, w.status FROM units u JOIN warm_homes w"
                 " ON w.unit = u.code WHERE u.county = :county ORDER BY w.unit, w.name",
                 home_row, &w))
        return -1;
    if (w.rows == 0) {
        h->set_no_data(ev, "没有暖心家园记录");
        return 0;
    }
    h->add_figure(ev, "建成", (double)w.state[2]);
    h->add_figure(ev, "在建", (double)w.state[1]);
    h->add_figure(ev, "申报", (double)w.state[0]);
    h->set_value(ev, (double)w.state[2]);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "liaison_coverage", .title = "特殊家庭双岗联系人覆盖率", .measure = "%",
     .evidence_title = "未落实双岗联系人的家庭", .compute = liaison_coverage},
    {.id = "doctor_coverage", .title = "特殊家庭家庭医生签约覆盖率", .measure = "%",
     .evidence_title = "未签约家庭医生的家庭", .compute = doctor_coverage},
    {.id = "priority_care_coverage", .title = "特殊家庭优先便利医疗覆盖率", .measure = "%",
     .evidence_title = "未落实优先便利医疗的家庭", .compute = priority_care_coverage},
    {.id = "visit_coverage", .title = "年内走访2次以上的特殊家庭占比", .measure = "%",
     .evidence_title = "走访不足2次的家庭", .compute = visit_coverage},
    {.id = "nursing_insurance_coverage", .title = "特殊家庭住院护理补贴保险覆盖率",
     .measure = "%", .evidence_title = "未参加住院护理补贴保险的家庭",
     .compute = nursing_insurance_coverage},
    {.id = "accident_policies", .title = "计生家庭意外伤害保险份数", .measure = "份",
     .evidence_title = "保险份数比上年减少", .compute = accident_policies},
    {.id = "warm_homes", .title = "建成的暖心家园", .measure = "个",
     .evidence_title = "尚未建成的暖心家园", .compute = warm_homes},
    {.id = "accident_insured", .title = "计生家庭意外伤害保险参保人数", .measure = "人",
     .evidence_title = "参保人数比上年减少", .compute = accident_insured},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "family_support",
    .title = "落实计生家庭帮扶",
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
