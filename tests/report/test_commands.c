/*
 * test_commands.c — `kaoping report` and `kaoping chart` as a user meets
 * them when something goes wrong: a broken layout reports file:line and
 * writes nothing; `--all` in parallel writes every report it can and says,
 * with its exit status, that one failed; a chart comes out as PNG and SVG.
 *
 * usage: test_commands KAOPING FIXTURE_DB SOURCE_ROOT
 */
#include "report_tools.h"

static const char *kaoping, *db, *src, *dir;

/* Render the test layout `name` (tests/report/layouts) into the new folder
 * `out` with extra options; returns the exit status. */
static int render_fixture(const char *name, const char *out, const char *options)
{
    if (run("mkdir -p '%s/%s'", dir, out) != 0)
        return -1;
    return run("'%s' report --layout '%s/tests/report/layouts/%s.lua' --db '%s' %s -o '%s/%s%s'",
               kaoping, src, name, db, options, dir, out,
               strstr(options, "--all") ? "" : "/report.pdf");
}

static int entries(const char *sub)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    return count_entries(path);
}

static int exists(const char *sub)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    return file_exists(path);
}

/* A broken layout fails with its file and line, and leaves no file at all
 * (not even a temporary one) in the output folder. */
static void test_broken(void)
{
    CHECK_INT_EQ(render_fixture("syntax_error", "syntax", ""), 1);
    CHECK_STR_CONTAINS(run_out, "syntax_error.lua:8: ')' expected");
    CHECK_INT_EQ(entries("syntax"), 0);

    CHECK_INT_EQ(render_fixture("bad_table", "table", ""), 1);
    CHECK_STR_CONTAINS(run_out, "bad_table.lua:9: doc:table: row 1, cell 1 must be a string or a "
                                "number, not table");
    CHECK_INT_EQ(entries("table"), 0);

    CHECK_INT_EQ(render_fixture("runaway", "loop", "--timeout 0.3"), 1);
    CHECK(strstr(run_out, "runaway.lua:7:") || strstr(run_out, "runaway.lua:8:"));
    CHECK_STR_CONTAINS(run_out, "time limit");
    CHECK_INT_EQ(entries("loop"), 0);

    /* The document of the first report, used while the second renders. */
    CHECK_INT_EQ(render_fixture("doc_after_render", "closed", "--all -j 1"), 1);
    CHECK_STR_CONTAINS(run_out, "doc_after_render.lua:16: the document is closed");
    CHECK(exists("closed/doc_after_render-a-甲.pdf"));
    CHECK(!exists("closed/doc_after_render-b-乙.pdf"));
    CHECK_INT_EQ(entries("closed"), 1);

    /* A layout file that is not there. */
    CHECK_INT_EQ(render_fixture("nonesuch", "missing", ""), 1);
    CHECK_STR_CONTAINS(run_out, "nonesuch.lua");
    CHECK_INT_EQ(entries("missing"), 0);
}

/* Count the times `needle` occurs in `hay`. */
static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* --all with a layout mistake that fails every subject the same way. */
static void test_batch_same_error(void)
{
    CHECK_INT_EQ(render_fixture("all_fail", "same", "--all -j 2"), 1);
    CHECK_INT_EQ(occurrences(run_out, "(method 'headng')"), 1);
    CHECK_STR_CONTAINS(run_out, "(3 more reports failed with an error shown above)");
    CHECK_STR_CONTAINS(run_out, "4 of 4 reports failed");
}

/* --all -j 2: one subject fails, the other three are written, exit 1. */
static void test_batch(void)
{
    CHECK_INT_EQ(render_fixture("one_fails", "batch", "--all -j 2"), 1);
    CHECK_STR_CONTAINS(run_out, "one_fails-c-丙.pdf (丙): ");
    CHECK_STR_CONTAINS(run_out, "one_fails.lua:16: 丙的数据不完整");
    /* The traceback keeps its lines and their indentation. */
    CHECK_STR_CONTAINS(run_out, "stack traceback:\n\t");
    CHECK_STR_CONTAINS(run_out, "1 of 4 reports failed");
    CHECK(exists("batch/one_fails-a-甲.pdf"));
    CHECK(exists("batch/one_fails-b-乙.pdf"));
    CHECK(!exists("batch/one_fails-c-丙.pdf"));
    CHECK(exists("batch/one_fails-d-丁.pdf"));
    CHECK_INT_EQ(entries("batch"), 3);
    CHECK_INT_EQ(run("qpdf --check '%s/batch/one_fails-d-丁.pdf'", dir), 0);

    /* The same in one process. */
    CHECK_INT_EQ(render_fixture("one_fails", "single", "--all -j 1"), 1);
    CHECK_INT_EQ(entries("single"), 3);

    /* Every county of the shipped layout, in parallel. */
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/county.lua' --db '%s' --all -j 2 -o '%s/all'",
                     kaoping, src, db, dir), 0);
    CHECK_STR_CONTAINS(run_out, "10 reports written");
    CHECK_INT_EQ(entries("all"), 10);
    CHECK(exists("all/county-429901000000-东江区.pdf"));
    CHECK(exists("all/county-429910000000-永宁县.pdf"));

    /* Without --unit, a layout with many subjects says what to give. */
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/county.lua' --db '%s' -o '%s/x.pdf'", kaoping,
                     src, db, dir), 1);
    CHECK_STR_CONTAINS(run_out, "renders 10 reports: give --unit CODE or --all");
}

/* kaoping chart: one named chart as PNG and as SVG. */
static void test_chart(void)
{
    CHECK_INT_EQ(run("'%s' chart --layout '%s/reports/county.lua' --db '%s' --name radar "
                     "--unit 429909000000 -o '%s/radar.png'", kaoping, src, db, dir), 0);
    char path[1200];
    snprintf(path, sizeof path, "%s/radar.png", dir);
    size_t len = 0;
    char *png = slurp(path, &len);
    CHECK(png && len > 1000 && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
    free(png);

    CHECK_INT_EQ(run("'%s' chart --layout '%s/reports/city.lua' --db '%s' --name heatmap "
                     "--size 700x420 -o '%s/heatmap.svg'", kaoping, src, db, dir), 0);
    snprintf(path, sizeof path, "%s/heatmap.svg", dir);
    char *svg = slurp(path, &len);
    CHECK(svg && strstr(svg, "<svg") && strstr(svg, "width=\"700"));
    free(svg);

    /* A wrong name lists the names there are. */
    CHECK_INT_EQ(run("'%s' chart --layout '%s/reports/county.lua' --db '%s' --name nonesuch "
                     "--unit 429909000000 -o '%s/none.png'", kaoping, src, db, dir), 1);
    CHECK_STR_CONTAINS(run_out, "no chart named \"nonesuch\"");
    CHECK_STR_CONTAINS(run_out, "radar");
    CHECK_STR_CONTAINS(run_out, "monthly_reports");
    snprintf(path, sizeof path, "%s/none.png", dir);
    CHECK(!file_exists(path));
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_commands KAOPING FIXTURE_DB SOURCE_ROOT\n");
        return 2;
    }
    kaoping = argv[1], db = argv[2], src = argv[3];
    if (!(dir = scratch("commands"))) {
        perror("scratch folder");
        return 1;
    }
    test_broken();
    test_batch();
    test_batch_same_error();
    test_chart();
    int status = check_status();
    if (status == 0)
        run("rm -rf '%s'", dir);
    else
        fprintf(stderr, "the files are in %s\n", dir);
    return status;
}
