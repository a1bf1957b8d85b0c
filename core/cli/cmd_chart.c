/* cmd_chart.c — `kaoping chart`: one chart of a layout, as PNG or SVG. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/outfile.h"

static const char usage[] =
    "usage: kaoping chart --layout FILE --name NAME [--unit CODE] [-o FILE.png|FILE.svg]\n"
    "                     [--size WxH] [--run ID] [--db FILE] [--overwrite]\n"
    "\n"
    "Export one chart of a report layout on its own, for slides or the web:\n"
    "the chart the layout draws with doc:chart{name = NAME, ...}, painted as a\n"
    "PNG (2 pixels a point) or an SVG.  Without a matching name, the message\n"
    "lists the layout's chart names.\n"
    "\n"
    "  --layout FILE  the layout script (required): a path, or a shipped\n"
    "                 layout's name (city, county, area)\n"
    "  --name NAME    the chart's name in the layout (required)\n"
    "  --unit CODE    the subject, for layouts with one report per subject\n"
    "  -o FILE        the output file, .png or .svg (default NAME.png)\n"
    "  --overwrite    replace FILE if it is there (never a device or FIFO)\n"
    "  --size WxH     size in points (default 600x400)\n"
    "  --run ID       the assessment run (default: the official run of the newest\n"
    "                 year, else its latest draft)\n"
    "  --db FILE      the database (default " KP_DEFAULT_DB ")\n";

int kp_cmd_chart(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli; /* no set-up: the report room opens the store on connections of its own */
    kp_report_config cfg = {.db_path = KP_DEFAULT_DB};
    char shipped[PATH_MAX];
    const char *unit = NULL, *name = NULL, *out = NULL;
    double width = 600, height = 400;
    static const struct option opts[] = {
        {"layout", required_argument, NULL, 'l'}, {"name", required_argument, NULL, 'n'},
        {"unit", required_argument, NULL, 'u'},   {"size", required_argument, NULL, 's'},
        {"run", required_argument, NULL, 'r'},    {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},         {"overwrite", no_argument, NULL, 'O'},
        {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'l': cfg.layout_path = kp_cli_shipped(shipped, sizeof shipped, optarg, "reports"); break;
        case 'n': name = optarg; break;
        case 'u': unit = optarg; break;
        case 'o': out = optarg; break;
        case 'd': cfg.db_path = optarg; break;
        case 'O': cfg.out_flags |= KP_OUT_REPLACE; break;
        case 's':
            width = strtod(optarg, &end);
            if (*end != 'x' || width < 50 || width > 5000)
                return kp_cli_usage_error("chart", "--size takes WxH in points, e.g. 600x400");
            height = strtod(end + 1, &end);
            if (*end || height < 50 || height > 5000)
                return kp_cli_usage_error("chart", "--size takes WxH in points, e.g. 600x400");
            break;
        case 'r':
            cfg.run_id = strtol(optarg, &end, 10);
            if (*end || cfg.run_id <= 0)
                return kp_cli_usage_error("chart", "--run takes a run number");
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("chart", "unknown option");
        }
    }
    if (optind < argc)
        return kp_cli_usage_error("chart", "unexpected argument '%s'", argv[optind]);
    if (!cfg.layout_path || !name)
        return kp_cli_usage_error("chart", "--layout FILE and --name NAME are required");
    char def[KP_OUT_NAME_MAX + 8] = "";
    if (!out) {
        /* The chart's name comes from the layout: a plain name, never a path. */
        kp_out_name_append(def, sizeof def, name, KP_OUT_NAME_MAX - 4);
        if (!kp_out_name_ok(def))
            return kp_cli_usage_error("chart", "no file name can be made from --name; give -o");
        strcat(def, ".png");
        out = def;
    }
    kp_report *r = NULL;
    kp_report_subject *subjects = NULL;
    size_t n = 0;
    kp_err e;
    int rc = KP_EXIT_FAIL;
    if (kp_report_open(&r, &cfg, &e) || kp_report_subjects(r, &subjects, &n, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    size_t i = 0;
    if (unit) {
        while (i < n && strcmp(subjects[i].code, unit))
            i++;
        if (i == n) {
            kp_cli_error("%s has no subject %s", cfg.layout_path, unit);
            goto out;
        }
    } else if (n != 1) {
        kp_cli_error("%s reports on %zu subjects: give --unit CODE", cfg.layout_path, n);
        goto out;
    }
    if (kp_report_chart(r, i, name, out, width, height, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    printf("%s\n", out);
    rc = KP_EXIT_OK;
out:
    kp_report_subjects_free(subjects, n);
    kp_report_close(r);
    return rc;
}
