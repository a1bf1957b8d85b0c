/*
 * test_assess.c — a golden assessment of a small city (golden.sql), with the
 * shipped 2023 rules and only the health_promotion plugin installed, so the
 * other seven areas are skipped ("plugin not loaded").
 *
 * Worked by hand (health_promotion: lectures 7 points, ratio to 100%;
 * instructors 6 points, ratio to 50%; health_campaigns 2 points, scored by
 * assessors; projects bonus 1 each, at most 2, counting only the plan's kinds):
 *   A  lectures 4/6 = 66.67% → 4.67; instructors 2/4 = 50% → 6; assessors
 *      1.5 (the later of 1 and 1.5); 2 counting projects → bonus 2;
 *      area 14.17 of 15 → score 94.47, 优秀
 *   B  3/3 → 7; 2/2 = 100% → 6 (capped); assessors 2; no projects (无数据) → 0;
 *      area 15 → score 100, 优秀
 *   E  the same as B → tied with B
 *   D  no lectures (无数据) → 0; no instructors reported (无数据) → 0; no
 *      assessors' score → 未评分, never 0 silently; 1 project → 1;
 *      area 1 → score 6.67, 不合格
 *   ranks: B 1, E 1, A 3, D 4
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/assess.h"
#include "output/results.h"
#include "util/outfile.h"
#include "check.h"

static sqlite3 *db;
static long long run;

static double num(const char *sql)
{
    sqlite3_stmt *st;
    double v = -999;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        return v;
    }
    sqlite3_bind_int64(st, 1, run);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static char text_buf[4096];
static const char *text(const char *sql)
{
    sqlite3_stmt *st;
    snprintf(text_buf, sizeof text_buf, "(no row)");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        return text_buf;
    }
    sqlite3_bind_int64(st, 1, run);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(text_buf, sizeof text_buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return text_buf;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: test_assess PLUGIN.so RULES.lua LIBDIR GOLDEN.sql\n");
        return 2;
    }
    kp_err e;
    kp_registry *reg;
    const char *paths[] = {argv[1]};
    if (kp_registry_load_paths(&reg, paths, 1, NULL, NULL, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    char dbpath[] = "/tmp/kp_test_assess_XXXXXX";
    int fd = mkstemp(dbpath);
    close(fd);
    unlink(dbpath);
    kp_store *store;
    if (kp_store_open(&store, dbpath, KP_STORE_CREATE, &e) < 0 ||
        kp_store_migrate_plugins(store, reg, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    db = kp_store_db(store);
    const char *golden = slurp(argv[4]);
    CHECK(golden != NULL);
    if (kp_store_exec(store, golden, &e) < 0)
        fprintf(stderr, "%s\n", e.msg);

    kp_rules *rules;
    CHECK_INT_EQ(kp_rules_load(&rules, argv[2], argv[3], reg, &e), 0);
    CHECK_INT_EQ(rules->nerrors, 0);
    for (size_t i = 0; i < rules->ndiags; i++)
        fprintf(stderr, "  %s\n", rules->diags[i].msg);

    /* A year the rules are not for is refused. */
    kp_assess_summary sum;
    CHECK_INT_EQ(kp_assess_run(store, reg, rules, 2024, &sum, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "assesses 2023, not 2024");

    int rc = kp_assess_run(store, reg, rules, 2023, &sum, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    run = sum.run_id;
    CHECK_INT_EQ(sum.counties, 4);
    CHECK_INT_EQ(sum.skipped_areas, 7);
    CHECK_INT_EQ(sum.not_scored, 1); /* D health_campaigns: 未评分 */
    CHECK_INT_EQ(sum.unrated, 1);
    CHECK_INT_EQ(sum.no_data, 4); /* B, E projects; D lectures, instructors */

    /* The run records the rules it was made with. */
    CHECK_INT_EQ(num("SELECT year FROM assessment_runs WHERE id = ?1"), 2023);
    CHECK_INT_EQ(strlen(text("SELECT rules_sha256 FROM assessment_runs WHERE id = ?1")), 64);
    CHECK_STR_EQ(text("SELECT rules_sha256 FROM assessment_runs WHERE id = ?1"), rules->sha256);
    CHECK_NUM_EQ(num("SELECT possible FROM assessment_runs WHERE id = ?1"), 15, 1e-9);

    /* County A, item by item. */
    CHECK_NUM_EQ(num("SELECT figure FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage'"), 200.0 / 3, 1e-9);
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage'"), 4.67, 1e-9);
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'instructor_coverage'"), 6, 1e-9);
    CHECK_NUM_EQ(num("SELECT target FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'instructor_coverage'"), 50, 1e-9);
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'projects'"), 2, 1e-9);
    CHECK_STR_CONTAINS(text("SELECT explanation FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage'"),
                       "66.67%，目标100%，完成66.67%，得4.67分（满分7分）");
    /* The assessors' latest score counts, with who gave it and why; the
     * county's own claim is kept beside it. */
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'health_campaigns'"), 1.5, 1e-9);
    CHECK_STR_CONTAINS(text("SELECT explanation FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'health_campaigns'"),
                       "得1.5分（满分2分）；评审人：王敏，理由：补交了新市民健康行动材料");
    CHECK_STR_EQ(text("SELECT group_concat(name || '=' || value, ';') FROM run_figures WHERE run_id = ?1"
                      " AND unit = 'A' AND item = 'health_campaigns'"), "评审得分=1.5;自评得分=2.0");
    CHECK_STR_EQ(text("SELECT group_concat(key || ':' || detail, ';') FROM run_evidence WHERE run_id = ?1"
                      " AND unit = 'A' AND item = 'health_campaigns'"),
                 "评审:补交了新市民健康行动材料;佐证:台账第3册;自评:两项都已开展");
    CHECK_STR_EQ(text("SELECT rule_kind || ' ' || measure FROM run_items WHERE run_id = ?1 AND item = 'health_campaigns'"),
                 "manual 分");
    /* Projects of other kinds, or not far enough along, are listed but do not count. */
    CHECK_STR_CONTAINS(text("SELECT group_concat(detail, ';') FROM run_evidence WHERE run_id = ?1"
                            " AND unit = 'A' AND item = 'projects'"), "项目三（流动人口健康促进，申报，不计分）");
    /* The evidence names the associations that held no lecture in 2023. */
    CHECK_STR_EQ(text("SELECT group_concat(key || ' ' || name, ', ') FROM (SELECT key, name FROM run_evidence"
                      " WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage' ORDER BY seq)"),
                 "A2a 甲三村, A2b 甲四村");
    CHECK_STR_CONTAINS(text("SELECT group_concat(name || '=' || value, ';') FROM run_figures WHERE run_id = ?1"
                            " AND unit = 'A' AND item = 'lecture_coverage'"), "开展大讲堂的基层协会=4");
    CHECK_NUM_EQ(num("SELECT points FROM run_area_scores WHERE run_id = ?1 AND unit = 'A' AND area = 'health_promotion'"), 14.17, 1e-9);
    CHECK_NUM_EQ(num("SELECT bonus FROM run_area_scores WHERE run_id = ?1 AND unit = 'A' AND area = 'health_promotion'"), 2, 1e-9);
    CHECK_NUM_EQ(num("SELECT total FROM run_units WHERE run_id = ?1 AND unit = 'A'"), 14.17, 1e-9);
    CHECK_NUM_EQ(num("SELECT score FROM run_units WHERE run_id = ?1 AND unit = 'A'"), 94.47, 1e-9);
    CHECK_STR_EQ(text("SELECT grade FROM run_units WHERE run_id = ?1 AND unit = 'A'"), "优秀");

    /* B: over-achievement is capped at the points. */
    CHECK_NUM_EQ(num("SELECT figure FROM run_scores WHERE run_id = ?1 AND unit = 'B' AND item = 'instructor_coverage'"), 100, 1e-9);
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'B' AND item = 'instructor_coverage'"), 6, 1e-9);
    CHECK_NUM_EQ(num("SELECT score FROM run_units WHERE run_id = ?1 AND unit = 'B'"), 100, 1e-9);

    /* D: missing data is 无数据, scored 0 as the rules say, never a figure of 0. */
    CHECK_STR_EQ(text("SELECT status FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'lecture_coverage'"), "no_data");
    CHECK_NUM_EQ(num("SELECT figure FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'lecture_coverage'"), -1, 0);
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'lecture_coverage'"), 0, 0);
    CHECK_STR_CONTAINS(text("SELECT explanation FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'lecture_coverage'"),
                       "无数据（本年度没有家庭健康知识大讲堂记录），按规则计0分（满分7分）");
    /* No assessor's score: 未评分 with no points, not a 0. */
    CHECK_STR_EQ(text("SELECT status || ' / ' || reason FROM run_scores WHERE run_id = ?1 AND unit = 'D'"
                      " AND item = 'health_campaigns'"), "not_scored / 评审尚未打分");
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'health_campaigns'"), -1, 0);
    CHECK_STR_CONTAINS(text("SELECT explanation FROM run_scores WHERE run_id = ?1 AND unit = 'D' AND item = 'health_campaigns'"),
                       "未评分：评审尚未打分（满分2分）");
    CHECK_NUM_EQ(num("SELECT score FROM run_units WHERE run_id = ?1 AND unit = 'D'"), 6.67, 1e-9);
    CHECK_STR_EQ(text("SELECT grade FROM run_units WHERE run_id = ?1 AND unit = 'D'"), "不合格");
    CHECK_INT_EQ(num("SELECT no_data FROM run_units WHERE run_id = ?1 AND unit = 'D'"), 2);

    /* Ties share a rank, the next is skipped, and ties are listed by code. */
    CHECK_STR_EQ(text("SELECT group_concat(unit || ':' || rank, ' ') FROM (SELECT unit, rank FROM run_units"
                      " WHERE run_id = ?1 ORDER BY rank, unit)"), "B:1 E:1 A:3 D:4");

    /* Areas without their plugin are skipped with a note, not an error. */
    CHECK_STR_EQ(text("SELECT status FROM run_areas WHERE run_id = ?1 AND area = 'publicity'"), "skipped");
    CHECK_STR_CONTAINS(text("SELECT note FROM run_areas WHERE run_id = ?1 AND area = 'publicity'"), "插件未加载");
    CHECK_STR_EQ(text("SELECT status || ' / ' || reason FROM run_scores WHERE run_id = ?1 AND unit = 'A'"
                      " AND item = 'events'"), "skipped / plugin not loaded: publicity");
    CHECK_INT_EQ(num("SELECT count(*) FROM run_area_scores WHERE run_id = ?1 AND points IS NOT NULL"), 4);

    /* Output: the table, CSV and JSON read the stored run. */
    char out[64] = "/tmp/kp_test_out_XXXXXX";
    fd = mkstemp(out);
    FILE *f = fdopen(fd, "w+");
    CHECK_INT_EQ(kp_results_ranking(db, run, KP_FORMAT_CSV, f, &e), 0);
    CHECK_INT_EQ(kp_results_ranking(db, run, KP_FORMAT_TABLE, f, &e), 0);
    CHECK_INT_EQ(kp_results_unit(db, run, "A", KP_FORMAT_TABLE, f, &e), 0);
    CHECK_INT_EQ(kp_results_unit(db, run, "Z", KP_FORMAT_TABLE, f, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "county 'Z' is not in assessment run");
    CHECK_INT_EQ(kp_results_ranking(db, run, KP_FORMAT_JSON, f, &e), 0);
    CHECK_INT_EQ(kp_results_unit(db, run, "A", KP_FORMAT_JSON, f, &e), 0);
    CHECK_INT_EQ(kp_results_unit(db, run, "A", KP_FORMAT_CSV, f, &e), 0);
    CHECK_INT_EQ(kp_results_ranking(db, run, 7, f, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "unknown output format 7");
    fclose(f);
    const char *o = slurp(out);
    CHECK_STR_CONTAINS(o, "1,B,乙县,,,,,15,,,,15,15,100,优秀,,0,1\n1,E,戊县,");
    CHECK_STR_CONTAINS(o, "3,A,甲县,,,,,14.17,,,,14.17,15,94.47,优秀,,0,0\n");
    CHECK_STR_CONTAINS(o, "   3  甲县           -         -         -         -     14.17         -"
                          "         -         -   14.17     94.47  优秀\n");
    CHECK_STR_CONTAINS(o, "- 宣传贯彻党的二十大精神（publicity）：插件未加载，未评分");
    CHECK_STR_CONTAINS(o, "五、推进健康促进行动（15分）：得 14.17 分");
    CHECK_STR_CONTAINS(o, "          A2a 甲三村  本年度未开展大讲堂");
    CHECK_STR_CONTAINS(o, "\n  ［加分］");
    CHECK_STR_CONTAINS(o, "{\"rank\": 3, \"unit\": \"A\", \"name\": \"甲县\", \"areas\": {");
    CHECK_STR_CONTAINS(o, "{\"run\": 1, \"unit\": \"A\", \"name\": \"甲县\", \"total\": 14.17");
    CHECK_STR_CONTAINS(o, "{\"key\": \"A2a\", \"name\": \"甲三村\", \"detail\": \"本年度未开展大讲堂\"}");
    CHECK_STR_CONTAINS(o, "\n]}\narea,item,kind,title,status,figure,previous,target,points,possible,"
                          "explanation,reason\npublicity,township_coverage,indicator,开展宣讲活动的乡镇（街道）占比,"
                          "skipped,,,100,,5,");
    unlink(out);
    strcat(out, ".xlsx");
    CHECK_INT_EQ(kp_results_xlsx(db, run, out, KP_OUT_REPLACE, &e), 0);
    CHECK(access(out, R_OK) == 0);
    unlink(out);

    /* CJK-aware widths */
    CHECK_INT_EQ(kp_text_width("甲县"), 4);
    CHECK_INT_EQ(kp_text_width("A县1"), 4);

    kp_rules_free(rules);

    /* A rule that fails for some counties: those items are "not scored" with
     * the reason, and the run completes. */
    char failing[2048];
    snprintf(failing, sizeof failing, "%s/failing_rule.lua", argv[5]);
    CHECK_INT_EQ(kp_rules_load(&rules, failing, argv[3], reg, &e), 0);
    CHECK_INT_EQ(rules->nerrors, 0);
    rc = kp_assess_run(store, reg, rules, 2023, &sum, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    run = sum.run_id;
    CHECK_INT_EQ(sum.not_scored, 5); /* A, B lectures; A, B, E instructors */
    CHECK_STR_EQ(text("SELECT status FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage'"), "not_scored");
    CHECK_STR_CONTAINS(text("SELECT reason FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'lecture_coverage'"),
                       "failing_rule.lua:7: no rule for 甲县");
    CHECK_STR_CONTAINS(text("SELECT reason FROM run_scores WHERE run_id = ?1 AND unit = 'B' AND item = 'lecture_coverage'"),
                       "failing_rule.lua:8: script stopped: it ran longer than 1000 ms");
    CHECK_STR_CONTAINS(text("SELECT reason FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = 'instructor_coverage'"),
                       "the rule returned 99 points, outside 0..40");
    CHECK_NUM_EQ(num("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'E' AND item = 'lecture_coverage'"), 60, 0);
    CHECK_INT_EQ(num("SELECT not_scored FROM assessment_runs WHERE id = ?1"), 5);
    CHECK_INT_EQ(num("SELECT not_scored FROM run_units WHERE run_id = ?1 AND unit = 'B'"), 2);
    kp_rules_free(rules);
    kp_store_close(store);
    kp_registry_free(reg);
    unlink(dbpath);
    return check_status();
}
