/*
 * reproductive_health.c — 拓展生殖健康服务 (work area 6 of the 2023 plan).
 *
 * The plan asks every county to run four youth-health projects and to build
 * a team of trained 青春健康教育主持人 covering universities, middle and
 * primary schools.  The indicators count the projects run in the year
 * (listing those missing), the trainers trained by the end of the year, and
 * the school levels they cover (listing those not covered).
 */
#include <stdio.h>
#include <string.h>

#include <kaoping/plugin.h>

#include "sample.h"

/* ---- Tables (see the data-model contract) ------------------------------ */

static const char *const school_levels[] = {"大学", "中学", "小学", "社区", NULL};
#define NLEVELS 4
/* The plan's 大中小学: the first three levels.  社区 trainers count as trained
 * trainers but are no school level. */
#define NSCHOOL_LEVELS 3

static const struct kp_column trainer_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "主持人所属单位的代码",
     .example = "420102000000"},
    {.id = "name", .title = "姓名", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "青春健康教育主持人姓名",
     .example = "王丽"},
    {.id = "school_level", .title = "学段", .type = KP_TEXT, .allowed = school_levels,
     .description = "主持人面向的学段",
     .example = "中学"},
    {.id = "trained_on", .title = "培训日期", .type = KP_DATE,
     .description = "参加主持人培训的日期",
     .example = "2023-04-20"},
};

/* The first four are the projects every county is to run; the university
 * project is recorded but belongs to the universities, not the county. */
static const char *const projects[] = {"青春健康成长之道", "青春健康沟通之道家庭培训",
                                       "青春健康俱乐部", "关爱儿童远离侵害",
                                       "青春健康高校项目", NULL};
#define NCOUNTY_PROJECTS 4

static const struct kp_column project_columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_ANY,
     .description = "开展项目的单位代码",
     .example = "420102000000"},
    {.id = "project", .title = "项目", .type = KP_TEXT, .flags = KP_COL_KEY,
     .allowed = projects,
     .description = "青春健康项目名称",
     .example = "青春健康俱乐部"},
    {.id = "year", .title = "年度", .type = KP_YEAR, .flags = KP_COL_KEY,
     .description = "开展项目的年度",
     .example = "2023"},
    {.id = "sessions", .title = "场次", .type = KP_INT,
     .description = "本年度开展的场次",
     .example = "6"},
    {.id = "participants", .title = "参加人数", .type = KP_INT,
     .description = "参加人数",
     .example = "240"},
};

static const struct kp_table tables[] = {
    {.id = "youth_trainers", .title = "青春健康教育主持人", .columns = trainer_columns,
     .ncolumns = KP_COUNT(trainer_columns),
     .sample_rows = reproductive_health_sample_trainers},
    {.id = "youth_projects", .title = "青春健康项目", .columns = project_columns,
     .ncolumns = KP_COUNT(project_columns),
     .sample_rows = reproductive_health_sample_projects},
};

/* ---- Youth projects ----------------------------------------------------- */

struct project_year {
    const struct kp_host *host;
    long rows;
    int ran[NCOUNTY_PROJECTS];
    int zero[NCOUNTY_PROJECTS]; /* reported, but with 0 sessions */
    double sessions, participants;
};

/* Row: project, sessions, participants.  A project ran when a row for it is
 * present and its sessions are not 0 (empty sessions: it ran, count unknown). */
static int project_row(void *ud, struct kp_row *r)
{
    struct project_year *p = ud;
    const struct kp_host *h = p->host;
    const char *name = h->row_text(r, 0);
    p->rows++;
    for (int i = 0; i < NCOUNTY_PROJECTS; i++) {
        if (strcmp(name, projects[i]))
            continue;
        if (!h->row_is_null(r, 1) && h->row_int(r, 1) == 0)
            p->zero[i] = 1;
        else
            p->ran[i] = 1;
        p->sessions += h->row_real(r, 1);
        p->participants += h->row_real(r, 2);
    }
    return 0;
}

static int youth_projects(const struct kp_host *h, struct kp_eval *ev)
{
    struct project_year p = {.host = h};
    /* From the county's units (index units_county) through the key, which
     * leads with the unit. */
    if (h->query(ev,
                 "SELECT p.project, p.sessions, p.participants FROM units u"
                 " JOIN youth_projects p ON p.unit = u.code"
                 " WHERE u.county = :county AND p.year = :year",
                 project_row, &p))
        return -1;
    if (p.rows == 0) {
        h->set_no_data(ev, "本年度没有青春健康项目记录");
        return 0;
    }
    int ran = 0;
    for (int i = 0; i < NCOUNTY_PROJECTS; i++) {
        if (p.ran[i])
            ran++;
        else
            h->add_evidence(ev, projects[i], p.zero[i] ? "场次为0" : "本年度未开展");
    }
    h->add_figure(ev, "开展的项目", ran);
    h->add_figure(ev, "项目总数", NCOUNTY_PROJECTS);
    h->add_figure(ev, "场次", p.sessions);
    h->add_figure(ev, "参加人数", p.participants);
    h->set_value(ev, ran);
    return 0;
}

/* ---- Trainers ----------------------------------------------------------- */

struct trainers {
    const struct kp_host *host;
    struct kp_eval *ev;
    int list_undated;      /* list trainers without a training date         */
    char year_end[16];
    long rows, trained, undated;
    int level[NLEVELS];    /* school levels covered by trained trainers     */
};

/* Row: unit code, name, school level, training date.  A trainer counts when
 * trained by the end of the assessed year; one with no date does not, and is
 * listed so that the date gets filled in. */
static int trainer_row(void *ud, struct kp_row *r)
{
    struct trainers *t = ud;
    const struct kp_host *h = t->host;
    t->rows++;
    if (h->row_is_null(r, 3)) {
        t->undated++;
        if (t->list_undated) {
            char detail[512];
            snprintf(detail, sizeof detail, "%s（未填培训日期）", h->row_text(r, 1));
            h->add_evidence(t->ev, h->row_text(r, 0), detail);
        }
        return 0;
    }
    if (strcmp(h->row_text(r, 3), t->year_end) > 0)
        return 0;
    t->trained++;
    const char *level = h->row_text(r, 2);
    for (int i = 0; i < NLEVELS; i++)
        if (!strcmp(level, school_levels[i]))
            t->level[i] = 1;
    return 0;
}

static int read_trainers(const struct kp_host *h, struct kp_eval *ev, struct trainers *t)
{
    snprintf(t->year_end, sizeof t->year_end, "%04d-12-31", h->year(ev));
    if (h->query(ev,
                 "SELECT t.unit, t.name, t.school_level, t.trained_on FROM units u"
                 " JOIN youth_trainers t ON t.unit = u.code WHERE u.county = :county"
                 " ORDER BY t.unit, t.name",
                 trainer_row, t))
        return -1;
    if (t->rows == 0)
        h->set_no_data(ev, "没有青春健康教育主持人记录");
    return 0;
}

static int trainers(const struct kp_host *h, struct kp_eval *ev)
{
    struct trainers t = {.host = h, .ev = ev, .list_undated = 1};
    if (read_trainers(h, ev, &t))
        return -1;
    if (t.rows == 0)
        return 0;
    h->add_figure(ev, "已培训的主持人", (double)t.trained);
    h->add_figure(ev, "未填培训日期", (double)t.undated);
    h->set_value(ev, (double)t.trained);
    return 0;
}

static int trainer_school_levels(const struct kp_host *h, struct kp_eval *ev)
{
    struct trainers t = {.host = h, .ev = ev};
    if (read_trainers(h, ev, &t))
        return -1;
    if (t.rows == 0)
        return 0;
    int covered = 0;
    for (int i = 0; i < NSCHOOL_LEVELS; i++) {
        if (t.level[i])
            covered++;
        else
            h->add_evidence(ev, school_levels[i], "没有已培训的主持人");
    }
    h->add_figure(ev, "覆盖的学段", covered);
    h->add_figure(ev, "已培训的主持人", (double)t.trained);
    h->set_value(ev, covered);
    return 0;
}

static const struct kp_indicator indicators[] = {
    {.id = "youth_projects", .title = "开展的青春健康项目", .measure = "项",
     .evidence_title = "未开展的青春健康项目", .compute = youth_projects},
    {.id = "trainers", .title = "经培训的青春健康教育主持人", .measure = "名",
     .evidence_title = "未填培训日期的主持人", .compute = trainers},
    {.id = "trainer_school_levels", .title = "主持人覆盖的学段", .measure = "个",
     .evidence_title = "没有主持人的学段", .compute = trainer_school_levels},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER,
    .id = "reproductive_health",
    .title = "拓展生殖健康服务",
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
