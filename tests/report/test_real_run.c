/*
 * test_real_run.c — the shipped layouts on a real run: the demo city's CSV
 * files imported by the plugins, assessed with scripts/rules/2023.lua, and
 * every report rendered, as an administrator would after `kaoping demo`.
 * The fixture tests check the figures; this checks that the layouts read
 * what the assessment really stores.
 *
 * usage: test_real_run KAOPING SOURCE_ROOT
 */
#include "report_tools.h"

static const char *kaoping, *src, *dir;

/* Every PDF in `sub` is clean and carries its font as a subset. */
static int check_folder(const char *sub)
{
    if (run("ls '%s/%s'", dir, sub) != 0)
        return 0;
    char *list = strdup(run_out), *save = NULL;
    int n = 0;
    for (char *name = strtok_r(list, "\n", &save); name; name = strtok_r(NULL, "\n", &save)) {
        n++;
        CHECK_INT_EQ(run("qpdf --check '%s/%s/%s'", dir, sub, name), 0);
        CHECK_INT_EQ(run("pdffonts '%s/%s/%s' | tail -n +3 | grep -c ' yes yes yes '", dir, sub,
                         name), 0);
        CHECK_STR_EQ(run_out, "1\n");
    }
    free(list);
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_real_run KAOPING SOURCE_ROOT\n");
        return 2;
    }
    kaoping = argv[1], src = argv[2];
    if (!(dir = scratch("real-run"))) {
        perror("scratch folder");
        return 1;
    }
    CHECK_INT_EQ(run("'%s' demo '%s/demo' --quiet", kaoping, dir), 0);
    CHECK_INT_EQ(run("'%s' assess --rules '%s/scripts/rules/2023.lua' --year 2023 --db "
                     "'%s/demo/kaoping.db'", kaoping, src, dir), 0);
    CHECK_INT_EQ(run("mkdir '%s/city'", dir), 0);
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/city.lua' --db '%s/demo/kaoping.db' -o "
                     "'%s/city/city.pdf'", kaoping, src, dir, dir), 0);
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/county.lua' --db '%s/demo/kaoping.db' --all "
                     "-j 2 -o '%s/county'", kaoping, src, dir, dir), 0);
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/area.lua' --db '%s/demo/kaoping.db' --all "
                     "-j 2 -o '%s/area'", kaoping, src, dir, dir), 0);

    CHECK_INT_EQ(check_folder("city"), 1);
    CHECK_INT_EQ(check_folder("county"), 10);
    CHECK_INT_EQ(check_folder("area"), 8);

    char path[1200];
    snprintf(path, sizeof path, "%s/city/city.pdf", dir);
    char *t = pdf_text(path);
    CHECK_IN_ORDER(t, "全市计划生育协会工作目标考评总报告", "一、考评概况", "二、综合排名",
                   "三、各项工作得分情况", "四、各项工作强弱分析",
                   "五、一票否决、无数据和未评分情况", "六、说明");
    CHECK(t && !strstr(t, "\xEF\xBF\xBD"));
    free(t);

    /* Any county report: every area, the monthly chart from info_reports,
     * and the improvement points. */
    CHECK_INT_EQ(run("ls '%s/county' | head -1", dir), 0);
    run_out[strcspn(run_out, "\n")] = '\0';
    snprintf(path, sizeof path, "%s/county/%s", dir, run_out);
    t = pdf_text(path);
    CHECK_IN_ORDER(t, "一、考评结果", "二、分项考评情况", "（一）宣传贯彻党的二十大精神",
                   "（八）扩大协会组织影响", "年每月报送信息篇数", "三、评审打分项目", "四、整改建议",
                   "五、说明");
    CHECK(t && !strstr(t, "\xEF\xBF\xBD"));
    free(t);

    int status = check_status();
    if (status == 0)
        run("rm -rf '%s'", dir);
    else
        fprintf(stderr, "the files are in %s\n", dir);
    return status;
}
