/*
 * make_fixture.c — a database holding one plausible stored assessment run,
 * written straight into the run tables, for testing report layouts apart
 * from the rules and the plugins.
 *
 * usage: make_fixture DB [--skip AREA]
 *
 * The city XX市 has ten counties, each with three townships of two villages.
 * Eight work areas hold indicators of every kind the layouts must show:
 * ratios with shortfalls listed township by township or village by village,
 * thresholds, tiers, a growth item, a bonus, a deduction and a veto.  The
 * counties follow fixed strengths, so the run has two counties tied for
 * first place, a county whose good total is capped by a veto, a county with
 * no data in a whole area, and one item that could not be scored.  The
 * influence plugin's info_reports table is there too, as in a real database;
 * the monthly chart reads the run's "1月".."12月" figures, not that table.
 * Everything is computed, nothing random: the same file every time.
 * With --skip, work area AREA is stored as a run stores an area whose plugin
 * was not loaded: not assessed, left out of the totals.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store.h"

#define NCOUNTY 10
#define NTOWN 3
#define NVILLAGE 2 /* per township */
#define NFAMILY 20
#define YEAR 2023

/* What the evidence of an item lists. */
enum scope { NONE, TOWNS, VILLAGES, FAMILIES, VENUES, PROJECTS, OCCASIONS, MONTHS };

/* How an item is scored. */
enum how { RATIO, THRESHOLD, TIERS, GROWTH, BONUS, DEDUCTION, VETO };

struct item {
    const char *id, *kind, *title, *measure, *evidence_title;
    enum how how;
    double target, possible;
    enum scope scope;
};

struct area {
    const char *id, *title, *short_title;
    double weight, bonus_cap, deduction_cap;
    struct item items[6];
};

static const struct area areas[] = {
    {"publicity", "宣传贯彻党的二十大精神", "宣传贯彻", 10, 0, 0,
     {{"township_coverage", "indicator", "开展宣讲活动的乡镇（街道）占比", "%", "未开展宣讲的乡镇",
       RATIO, 100, 6, TOWNS},
      {"events", "indicator", "全县宣讲活动场次（不少于12场）", "场", "未开展活动的乡镇", RATIO, 12,
       4, TOWNS}}},
    {"organization", "规范基层组织建设", "组织建设", 15, 0, 2,
     {{"township_reelection", "indicator", "乡镇（街道）计生协完成换届占比", "%",
       "未完成换届的乡镇", RATIO, 100, 5, TOWNS},
      {"village_reelection", "indicator", "村（社区）计生协完成换届占比", "%",
       "未完成换届的村（社区）", RATIO, 100, 6, VILLAGES},
      {"member_records", "indicator", "上报会员数的基层协会占比", "%", "未上报会员数的单位", RATIO,
       100, 4, VILLAGES},
      {"staffing_gap", "deduction", "县级在岗与在编人数不符", "人", NULL, DEDUCTION, 4, 2, NONE},
      {"county_reelected", "veto", "县级计生协按期换届", "是否", NULL, VETO, 1, 0, NONE}}},
    {"birth_support", "开展生育支持服务", "生育支持", 15, 0, 0,
     {{"venue_types", "indicator", "政策宣传“五进”覆盖类型", "类", "未开展政策宣传的场所", RATIO, 5,
       5, VENUES},
      {"outreach_events", "indicator", "政策宣传活动场次（不少于20场）", "场",
       "未开展政策宣传的乡镇", RATIO, 20, 5, TOWNS},
      {"guidance_centers", "indicator", "建成或通过评估的优生优育指导中心", "个", NULL, THRESHOLD, 1,
       5, NONE}}},
    {"family_support", "落实计生家庭帮扶", "家庭帮扶", 15, 0, 0,
     {{"liaison_coverage", "indicator", "特殊家庭双岗联系人覆盖率", "%", "未落实双岗联系人的家庭",
       RATIO, 100, 5, FAMILIES},
      {"visit_coverage", "indicator", "年内走访慰问2次以上的特殊家庭占比", "%", "走访不足2次的家庭",
       RATIO, 100, 5, FAMILIES},
      {"accident_policies", "indicator", "计生家庭意外伤害保险份数比上年稳中有升", "份", NULL,
       GROWTH, NAN, 5, NONE}}},
    {"health_promotion", "推进健康促进行动", "健康促进", 15, 2, 0,
     {{"lecture_coverage", "indicator", "举办家庭健康知识大讲堂的基层协会占比", "%",
       "未开展大讲堂的基层协会", RATIO, 100, 8, VILLAGES},
      {"instructor_coverage", "indicator", "配备2名以上家庭健康指导员的村（社区）占比（目标50%）",
       "%", "指导员不足2名的村", RATIO, 50, 7, VILLAGES},
      {"projects", "bonus", "申报和建成的健康项目", "个", NULL, BONUS, 2, 2, NONE}}},
    {"reproductive_health", "拓展生殖健康服务", "生殖健康", 10, 0, 0,
     {{"youth_projects", "indicator", "开展的青春健康项目（四项）", "项", "未开展的青春健康项目",
       RATIO, 4, 5, PROJECTS},
      {"trainers", "indicator", "经培训的青春健康教育主持人", "名", NULL, TIERS, 5, 5, NONE}}},
    {"marriage_culture", "培育新型婚育文化", "婚育文化", 10, 0, 0,
     {{"journal_coverage", "indicator", "有会刊的基层协会占比", "%", "没有会刊的基层协会", RATIO,
       100, 6, VILLAGES},
      {"key_date_events", "indicator", "在重要节点开展主题活动", "个", "未开展主题活动的节点", RATIO,
       2, 4, OCCASIONS}}},
    {"influence", "扩大协会组织影响", "协会影响", 10, 0, 0,
     {{"provincial_sites", "indicator", "建成省级家庭健康促进行动项目点", "个", NULL, THRESHOLD, 1, 4,
       NONE},
      {"report_months", "indicator", "每月报送信息2篇以上的月份", "月", "报送不足2篇的月份", RATIO,
       12, 4, MONTHS},
      {"volunteer_uniform", "indicator", "志愿服务活动着统一服装的占比", "%", "未着统一服装的活动",
       RATIO, 100, 2, TOWNS}}},
};
#define NAREA (sizeof areas / sizeof areas[0])

static const char *const county_names[NCOUNTY] = {"东江区", "西岭区", "南塘区", "北湖区", "清水县",
                                                  "白石县", "青峰县", "云阳县", "安平市", "永宁县"};
/* Counties 0 and 1 are alike (a tie for first); 8 is good but vetoed. */
static const double strength[NCOUNTY] = {1.0, 1.0, 0.93, 0.88, 0.8, 0.72, 0.66, 0.58, 0.9, 0.42};
#define NO_DATA_COUNTY 6      /* no data at all in reproductive_health     */
#define NOT_SCORED_COUNTY 7   /* outreach_events could not be scored        */
#define VETO_COUNTY 8         /* county_reelected: 否                        */

static const char *const town_names[NTOWN] = {"城关镇", "新集镇", "桥头街道"};
static const char *const village_names[NTOWN][NVILLAGE] = {
    {"东风村", "和平社区"}, {"红星村", "团结村"}, {"光明社区", "幸福村"}};
static const char *const venues[5] = {"单位", "工厂", "学校", "社区", "家庭"};
static const char *const projects[4] = {"青春健康成长之道", "青春健康沟通之道家庭培训",
                                        "青春健康俱乐部", "关爱儿童远离侵害"};
static const char *const occasions[2] = {"529会员活动日", "711世界人口日"};

static sqlite3 *db;
static const char *skipped; /* the area stored as not assessed, or NULL */

static int is_skipped(const struct area *a) { return skipped && !strcmp(a->id, skipped); }

static int sql(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    if (!s) {
        fprintf(stderr, "make_fixture: out of memory\n");
        return -1;
    }
    char *err = NULL;
    int rc = sqlite3_exec(db, s, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "make_fixture: %s\n  in: %s\n", err ? err : "?", s);
    sqlite3_free(err);
    sqlite3_free(s);
    return rc == SQLITE_OK ? 0 : -1;
}

static double round2(double x) { return floor(x * 100 + 0.5) / 100; }

static void county_code(int c, char *out, size_t n) { snprintf(out, n, "4299%02d000000", c + 1); }
static void town_code(int c, int t, char *out, size_t n)
{
    snprintf(out, n, "4299%02d%03d000", c + 1, t + 1);
}
static void village_code(int c, int t, int v, char *out, size_t n)
{
    snprintf(out, n, "4299%02d%03d%03d", c + 1, t + 1, v + 1);
}

static int make_units(void)
{
    if (sql("INSERT INTO kp_imports(id, started, files) VALUES(1, '2024-01-10', 'units.csv');"
            "INSERT INTO units VALUES('429900000000', 'XX市', 1, NULL, NULL, 1, 2)"))
        return -1;
    int line = 3;
    for (int c = 0; c < NCOUNTY; c++) {
        char cc[16], tc[16], vc[16];
        county_code(c, cc, sizeof cc);
        if (sql("INSERT INTO units VALUES(%Q, %Q, 2, '429900000000', %Q, 1, %d)", cc,
                county_names[c], cc, line++))
            return -1;
        for (int t = 0; t < NTOWN; t++) {
            town_code(c, t, tc, sizeof tc);
            if (sql("INSERT INTO units VALUES(%Q, %Q, 3, %Q, %Q, 1, %d)", tc, town_names[t], cc,
                    cc, line++))
                return -1;
            for (int v = 0; v < NVILLAGE; v++) {
                village_code(c, t, v, vc, sizeof vc);
                if (sql("INSERT INTO units VALUES(%Q, %Q, 4, %Q, %Q, 1, %d)", vc,
                        village_names[t][v], tc, cc, line++))
                    return -1;
            }
        }
    }
    return 0;
}

/* How many of `n` a county of strength `s` has done. */
static int done_of(int n, double s)
{
    int k = (int)floor(n * s + 0.5);
    return k < 0 ? 0 : k > n ? n : k;
}

/* The information reports a county sent in month m (1..12). */
static int reports_in(int c, int m)
{
    if (strength[c] >= 0.9)
        return 2 + (m + c) % 3;
    return (m * 7 + c * 3) % 4;
}

static int evidence(int c, const struct area *a, const struct item *it, int seq, const char *key,
                    const char *name, const char *detail)
{
    char cc[16];
    county_code(c, cc, sizeof cc);
    return sql("INSERT INTO run_evidence VALUES(1, %Q, %Q, %Q, %d, %Q, %Q, %Q)", cc, a->id, it->id,
               seq, key, name, detail);
}

static int figure(int c, const struct area *a, const struct item *it, int seq, const char *name,
                  double v)
{
    char cc[16];
    county_code(c, cc, sizeof cc);
    return sql("INSERT INTO run_figures VALUES(1, %Q, %Q, %Q, %d, %Q, %.15g)", cc, a->id, it->id,
               seq, name, v);
}

/* The shortfall evidence of a ratio item: the last (n - met) entries of its scope. */
static int ratio_evidence(int c, const struct area *a, const struct item *it, int met)
{
    char code[32];
    int seq = 1;
    switch (it->scope) {
    case TOWNS:
        for (int t = met; t < NTOWN; t++) {
            town_code(c, t, code, sizeof code);
            if (evidence(c, a, it, seq++, code, town_names[t], "本年度未开展"))
                return -1;
        }
        break;
    case VILLAGES:
        for (int k = met; k < NTOWN * NVILLAGE; k++) {
            int t = k % NTOWN, v = k / NTOWN;
            village_code(c, t, v, code, sizeof code);
            if (evidence(c, a, it, seq++, code, village_names[t][v],
                         k % 2 ? "未上报" : "本年度未开展"))
                return -1;
        }
        break;
    case FAMILIES:
        for (int f = met; f < NFAMILY; f++) {
            snprintf(code, sizeof code, "4299%02d-%05d", c + 1, f + 1);
            if (evidence(c, a, it, seq++, code, "", f % 2 ? "走访 1 次" : "未落实"))
                return -1;
        }
        break;
    case VENUES:
        for (int v = met; v < 5; v++)
            if (evidence(c, a, it, seq++, venues[v], "", "本年度未开展政策宣传"))
                return -1;
        break;
    case PROJECTS:
        for (int p = met; p < 4; p++)
            if (evidence(c, a, it, seq++, projects[p], "", "本年度未开展"))
                return -1;
        break;
    case OCCASIONS:
        for (int o = met; o < 2; o++)
            if (evidence(c, a, it, seq++, occasions[o], "", "本年度未开展主题活动"))
                return -1;
        break;
    case MONTHS:
        for (int m = 1; m <= 12; m++) {
            int n = reports_in(c, m);
            if (n >= 2)
                continue;
            char detail[16];
            snprintf(code, sizeof code, "%04d-%02d", YEAR, m);
            snprintf(detail, sizeof detail, "%d篇", n);
            if (evidence(c, a, it, seq++, code, "", detail))
                return -1;
        }
        break;
    case NONE:
        break;
    }
    return 0;
}

/* "57.14%" / "8场": a figure as the rules' explanations write it. */
static void show(char *out, size_t n, double v, const char *measure)
{
    if (!strcmp(measure, "%"))
        snprintf(out, n, "%.4g%%", round2(v));
    else
        snprintf(out, n, "%.4g%s", round2(v), measure);
}

struct scored {
    double area_base[NAREA], area_bonus[NAREA], area_deduction[NAREA];
    int vetoed, no_data, not_scored;
};

static int score_item(int c, size_t ai, const struct item *it, struct scored *sc)
{
    const struct area *a = &areas[ai];
    double s = strength[c];
    char cc[16], fig[64], tgt[64], expl[512];
    county_code(c, cc, sizeof cc);
    const char *status = "scored", *reason = NULL;
    double value = NAN, previous = NAN, points = NAN;
    int met = 0, vetoed = -1;

    if (is_skipped(a)) {
        status = "skipped";
        snprintf(expl, sizeof expl, "插件未加载，本项未评分");
    } else if (c == NO_DATA_COUNTY && !strcmp(a->id, "reproductive_health")) {
        status = "no_data";
        points = 0;
        snprintf(expl, sizeof expl, "无数据（本年度没有%s记录），按规则计0分（满分%.4g分）",
                 it->how == TIERS ? "青春健康教育主持人" : "青春健康项目", it->possible);
        sc->no_data++;
    } else if (c == NOT_SCORED_COUNTY && !strcmp(it->id, "outreach_events")) {
        status = "not_scored";
        reason = "规则出错：scripts/rules/2023.lua:88: attempt to compare nil with number";
        snprintf(expl, sizeof expl, "未评分");
        sc->not_scored++;
    } else {
        switch (it->how) {
        case RATIO: {
            int n = it->scope == TOWNS ? NTOWN
                    : it->scope == VILLAGES ? NTOWN * NVILLAGE
                    : it->scope == FAMILIES ? NFAMILY
                    : it->scope == VENUES ? 5
                    : it->scope == PROJECTS ? 4
                    : it->scope == OCCASIONS ? 2 : 12;
            if (it->scope == MONTHS) {
                for (int m = 1; m <= 12; m++)
                    met += reports_in(c, m) >= 2;
            } else {
                met = done_of(n, s);
            }
            if (!strcmp(it->measure, "%")) {
                value = (double)met / n * 100;
            } else if (!strcmp(it->measure, "场")) {
                value = floor(it->target * s + 0.5);
                met = done_of(NTOWN, s);
            } else {
                value = met;
            }
            double share = value / it->target;
            points = round2(it->possible * (share > 1 ? 1 : share));
            show(fig, sizeof fig, value, it->measure);
            show(tgt, sizeof tgt, it->target, it->measure);
            snprintf(expl, sizeof expl, "%s，目标%s，完成%.4g%%，得%.4g分（满分%.4g分）", fig, tgt,
                     round2(share > 1 ? 100 : share * 100), points, it->possible);
            if (ratio_evidence(c, a, it, met))
                return -1;
            if (it->scope == TOWNS &&
                (figure(c, a, it, 1, "达标的乡镇", met) || figure(c, a, it, 2, "乡镇总数", NTOWN)))
                return -1;
            /* The influence plugin's month by month counts, for the chart. */
            for (int m = 1; it->scope == MONTHS && m <= 12; m++) {
                char month[16];
                snprintf(month, sizeof month, "%d月", m);
                if (figure(c, a, it, m, month, reports_in(c, m)))
                    return -1;
            }
            break;
        }
        case THRESHOLD:
            value = s >= 0.8 ? 1 : 0;
            points = value >= it->target ? it->possible : 0;
            snprintf(expl, sizeof expl, "%.4g%s，要求达到%.4g%s，%s，得%.4g分（满分%.4g分）", value,
                     it->measure, it->target, it->measure, points > 0 ? "达标" : "未达标", points,
                     it->possible);
            break;
        case TIERS:
            value = done_of(6, s);
            points = value >= 5 ? 5 : value >= 3 ? 3 : value >= 1 ? 1 : 0;
            snprintf(expl, sizeof expl, "%.4g%s，得%.4g分（满分%.4g分）", value, it->measure,
                     points, it->possible);
            if (figure(c, a, it, 1, "已培训的主持人", value))
                return -1;
            break;
        case GROWTH:
            previous = 1000;
            value = floor(1000 * (0.9 + 0.2 * s) + 0.5);
            points = value > previous ? it->possible : value == previous ? it->possible / 2 : 0;
            snprintf(expl, sizeof expl, "%.4g份，上年%.4g份，%s，得%.4g分（满分%.4g分）", value,
                     previous, value > previous ? "比上年增长" : value == previous ? "与上年持平"
                                                                                 : "比上年下降",
                     points, it->possible);
            if (figure(c, a, it, 1, "份数", value) || figure(c, a, it, 2, "上年份数", previous))
                return -1;
            break;
        case BONUS:
            value = s >= 0.9 ? 2 : s >= 0.8 ? 1 : 0;
            points = value > it->possible ? it->possible : value;
            snprintf(expl, sizeof expl, "%.4g个，每个计1分，得%.4g分（满分%.4g分）", value, points,
                     it->possible);
            break;
        case DEDUCTION:
            value = s >= 0.9 ? 0 : floor((1 - s) * 5 + 0.5);
            points = value * 0.5 > it->possible ? it->possible : value * 0.5;
            snprintf(expl, sizeof expl, "%.4g人，每个计0.5分，得%.4g分（满分%.4g分）", value, points,
                     it->possible);
            if (value > 0 && evidence(c, a, it, 1, cc, county_names[c], "在岗与在编不一致"))
                return -1;
            break;
        case VETO:
            value = c == VETO_COUNTY ? 0 : 1;
            vetoed = value < 1;
            snprintf(expl, sizeof expl, "%s", vetoed ? "否，触发一票否决" : "是");
            if (vetoed) {
                sc->vetoed = 1;
                if (evidence(c, a, it, 1, cc, county_names[c], "未按期换届"))
                    return -1;
            }
            break;
        }
    }
    if (!strcmp(status, "no_data") || !strcmp(status, "scored")) {
        double p = isnan(points) ? 0 : points;
        if (!strcmp(it->kind, "bonus"))
            sc->area_bonus[ai] += p;
        else if (!strcmp(it->kind, "deduction"))
            sc->area_deduction[ai] += p;
        else if (strcmp(it->kind, "veto"))
            sc->area_base[ai] += p;
    }
    char nums[4][32];
    const double v[4] = {value, previous, it->target, points};
    for (int k = 0; k < 4; k++) {
        if (isnan(v[k]) || (k == 0 && strcmp(status, "scored")))
            snprintf(nums[k], sizeof nums[k], "NULL");
        else
            snprintf(nums[k], sizeof nums[k], "%.15g", v[k]);
    }
    char veto[8];
    snprintf(veto, sizeof veto, vetoed < 0 ? "NULL" : "%d", vetoed);
    if (is_skipped(a))
        snprintf(nums[0], sizeof nums[0], "NULL");
    return sql("INSERT INTO run_scores VALUES(1, %Q, %Q, %Q, %Q, %s, %s, %s, %s, %.15g, %s, %Q, %Q)",
               cc, a->id, it->id, status, nums[0], nums[1], nums[2], nums[3], it->possible, veto,
               expl, reason);
}

static const char *grade_of(double total)
{
    return total >= 90 ? "优秀" : total >= 80 ? "良好" : total >= 60 ? "合格" : "不合格";
}

static int make_run(void)
{
    double possible = 0;
    for (size_t i = 0; i < NAREA; i++)
        if (!is_skipped(&areas[i]))
            possible += areas[i].weight;
    /* Published, as the run a report is made from normally is. */
    if (sql("INSERT INTO assessment_runs(id, year, title, rules_path, rules_sha256, rules_source,"
            " library_sha256, created_at, units, possible, not_scored, skipped_areas, official)"
            " VALUES(1, %d, '2023年度县市区计划生育协会工作目标考评',"
            " 'scripts/rules/2023.lua', '%s', '-- rules', '%s', '2024-01-15T08:00:00Z', %d, %g,"
            " 1, %d, 1)",
            YEAR, "5d41402abc4b2a76b9719d911017c592aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "7d793037a0760186574b0282f2f435e7aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NCOUNTY, possible,
            skipped != NULL) ||
        sql("INSERT INTO run_grades VALUES(1, 1, '优秀', 90), (1, 2, '良好', 80), (1, 3, '合格', 60),"
            " (1, 4, '不合格', 0)"))
        return -1;
    for (size_t i = 0; i < NAREA; i++) {
        const struct area *a = &areas[i];
        if (sql("INSERT INTO run_areas VALUES(1, %Q, %d, %Q, %Q, %g, %g, %g, %Q, %Q)", a->id,
                (int)i + 1, a->title, a->short_title, a->weight, a->bonus_cap, a->deduction_cap,
                is_skipped(a) ? "skipped" : "assessed",
                is_skipped(a) ? "插件未加载，本项未评分" : NULL))
            return -1;
        for (int j = 0; j < 6 && a->items[j].id; j++) {
            const struct item *it = &a->items[j];
            static const char *const rule_kind[] = {"ratio", "threshold", "tiers", "growth",
                                                    "per_item", "per_item", "veto_if"};
            char rule[256], target[32];
            switch (it->how) {
            case RATIO:
                snprintf(rule, sizeof rule, "按完成比例计分：达到目标%g得%g分，未达到按比例计分",
                         it->target, it->possible);
                break;
            case THRESHOLD:
                snprintf(rule, sizeof rule, "达到%g得%g分，否则不得分", it->target, it->possible);
                break;
            case TIERS:
                snprintf(rule, sizeof rule, "分档计分：达到5得5分，达到3得3分，达到1得1分");
                break;
            case GROWTH:
                snprintf(rule, sizeof rule, "比上年增长得%g分，持平得%g分，下降不得分", it->possible,
                         it->possible / 2);
                break;
            case BONUS:
                snprintf(rule, sizeof rule, "每个计1分，最多%g分", it->possible);
                break;
            case DEDUCTION:
                snprintf(rule, sizeof rule, "每个计0.5分，最多%g分", it->possible);
                break;
            case VETO:
                snprintf(rule, sizeof rule, "低于1即一票否决");
                break;
            }
            if (isnan(it->target))
                snprintf(target, sizeof target, "NULL");
            else
                snprintf(target, sizeof target, "%g", it->target);
            if (sql("INSERT INTO run_items VALUES(1, %Q, %Q, %d, %Q, %Q, %Q, %Q, %Q, %Q, %s, %g, %s,"
                    " %Q, %d)",
                    a->id, it->id, j + 1, it->kind, it->title, it->measure, it->evidence_title,
                    rule_kind[it->how], rule, target, it->possible,
                    it->how == VETO ? "NULL" : "0", it->how == VETO ? "合格" : NULL, 20 + j))
                return -1;
        }
    }

    double totals[NCOUNTY];
    struct scored sc[NCOUNTY];
    memset(sc, 0, sizeof sc);
    for (int c = 0; c < NCOUNTY; c++) {
        char cc[16];
        county_code(c, cc, sizeof cc);
        totals[c] = 0;
        for (size_t i = 0; i < NAREA; i++)
            for (int j = 0; j < 6 && areas[i].items[j].id; j++)
                if (score_item(c, i, &areas[i].items[j], &sc[c]))
                    return -1;
        for (size_t i = 0; i < NAREA; i++) {
            const struct area *a = &areas[i];
            double bonus = sc[c].area_bonus[i], ded = sc[c].area_deduction[i];
            if (a->bonus_cap > 0 && bonus > a->bonus_cap)
                bonus = a->bonus_cap;
            if (a->deduction_cap > 0 && ded > a->deduction_cap)
                ded = a->deduction_cap;
            double pts = round2(sc[c].area_base[i] + bonus - ded);
            if (is_skipped(a)) {
                if (sql("INSERT INTO run_area_scores VALUES(1, %Q, %Q, NULL, NULL, NULL, NULL)", cc,
                        a->id))
                    return -1;
                continue;
            }
            totals[c] += pts;
            if (sql("INSERT INTO run_area_scores VALUES(1, %Q, %Q, %.15g, %.15g, %.15g, %.15g)", cc,
                    a->id, pts, round2(sc[c].area_base[i]), round2(bonus), round2(ded)))
                return -1;
        }
        totals[c] = round2(totals[c]);
    }
    for (int c = 0; c < NCOUNTY; c++) {
        int rank = 1;
        for (int o = 0; o < NCOUNTY; o++)
            rank += totals[o] > totals[c];
        const char *before = grade_of(totals[c]), *grade = before;
        if (sc[c].vetoed && totals[c] >= 60)
            grade = "合格";
        char cc[16];
        county_code(c, cc, sizeof cc);
        if (sql("INSERT INTO run_units VALUES(1, %Q, %Q, %.15g, %g, %.15g, %Q, %Q, %Q, %d, %d, %d)",
                cc, county_names[c], totals[c], possible, totals[c], grade, before,
                sc[c].vetoed ? "县级计生协按期换届：否，触发一票否决" : NULL, rank,
                sc[c].not_scored, sc[c].no_data))
            return -1;
    }
    return 0;
}

/* The influence plugin's table of information reports, for the monthly chart. */
static int make_info_reports(void)
{
    if (sql("CREATE TABLE info_reports(unit TEXT NOT NULL, date TEXT NOT NULL, title TEXT NOT NULL,"
            " adopted TEXT, PRIMARY KEY (unit, date, title))"))
        return -1;
    for (int c = 0; c < NCOUNTY; c++) {
        char cc[16];
        county_code(c, cc, sizeof cc);
        for (int m = 1; m <= 12; m++)
            for (int k = 0; k < reports_in(c, m); k++)
                if (sql("INSERT INTO info_reports VALUES(%Q, '%04d-%02d-%02d', '工作动态%d', NULL)",
                        cc, YEAR, m, 3 + 7 * k, k + 1))
                    return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[2], "--skip")) {
        skipped = argv[3];
    } else if (argc != 2) {
        fprintf(stderr, "usage: make_fixture DB [--skip AREA]\n");
        return 2;
    }
    remove(argv[1]);
    kp_store *store;
    kp_err e;
    if (kp_store_open(&store, argv[1], KP_STORE_CREATE, &e)) {
        fprintf(stderr, "make_fixture: %s\n", e.msg);
        return 1;
    }
    db = kp_store_db(store);
    int rc = sql("BEGIN") || make_units() || make_run() || make_info_reports() || sql("COMMIT");
    kp_store_close(store);
    if (rc) {
        fprintf(stderr, "make_fixture: %s was not written completely\n", argv[1]);
        return 1;
    }
    return 0;
}
