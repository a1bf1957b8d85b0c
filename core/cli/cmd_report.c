/* cmd_report.c — `kaoping report`: PDF reports from a stored run. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/batch.h"
#include "util/outfile.h"

static const char usage[] =
    "usage: kaoping report --layout FILE [--unit CODE | --all] [-o PATH] [-j N]\n"
    "                      [--run ID] [--db FILE] [--png] [--password-file FILE]\n"
    "                      [--timeout S] [--overwrite]\n"
    "\n"
    "Render PDF reports from a stored assessment run with a Lua layout\n"
    "(reports/city.lua, reports/county.lua, reports/area.lua, or your own).\n"
    "A layout that reports on many subjects (one per county, one per work area)\n"
    "renders one of them with --unit CODE, or all of them with --all.\n"
    "\n"
    "  --layout FILE  the layout script (required): a path, or city, county or\n"
    "                 area for the shipped layouts\n"
    "  --unit CODE    the subject to render (a county code, an area id)\n"
    "  --all          one report per subject, in parallel\n"
    "  -o PATH        the PDF file (one report; .pdf is added when missing) or\n"
    "                 the folder (--all, or a path ending in /; made if missing;\n"
    "                 default .)\n"
    "  --overwrite    replace files of the same names that are already there\n"
    "                 (without it kaoping never replaces a file it did not write)\n"
    "  -j N           worker processes for --all (default: the number of CPUs)\n"
    "  --run ID       the assessment run (default: the official run of the newest\n"
    "                 year, else its latest draft)\n"
    "  --db FILE      the database (default " KP_DEFAULT_DB ")\n"
    "  --png          also write every page as PNG next to each PDF (60 dpi)\n"
    "  --dpi N        resolution of the PNG pages (default 60)\n"
    "  --password-file FILE\n"
    "                 encrypt with the owner password on the first line of FILE\n"
    "                 (- reads it from standard input, which may be the terminal):\n"
    "                 print only, no copying.  Not on the command line, where\n"
    "                 every user of the machine could read it in `ps`.\n"
    "  --timeout S    stop a layout that runs longer than S seconds on one report\n"
    "                 (default 30)\n"
    "  -h, --help     show this help\n"
    "\n"
    "Files are written whole or not at all.  If some reports fail, the others\n"
    "are still written and the exit status is 1.\n";

#define MAX_SEEN 16

struct progress {
    int tty;
    size_t failed;
    /* A layout error is the same for every county: print each once. */
    char *seen[MAX_SEEN];
    size_t nseen, repeats;
};

/* Whether `msg` was printed before; remembers it otherwise. */
static int seen_before(struct progress *p, const char *msg)
{
    for (size_t i = 0; i < p->nseen; i++)
        if (!strcmp(p->seen[i], msg))
            return 1;
    if (p->nseen < MAX_SEEN && (p->seen[p->nseen] = strdup(msg)))
        p->nseen++;
    return 0;
}

static void on_done(void *ud, const kp_report_subject *s, int ok, const char *msg,
                    size_t finished, size_t total)
{
    struct progress *p = ud;
    if (!ok) {
        p->failed++;
        if (seen_before(p, msg)) {
            p->repeats++;
        } else {
            fprintf(stderr, "%s", p->tty ? "\r\033[K" : "");
            char line[KP_ERR_MAX + 512];
            snprintf(line, sizeof line, "%s (%s): %s", s->file, s->name, msg);
            kp_cli_print_safe(stderr, line);
        }
    }
    if (p->tty) {
        int width = 30, filled = (int)(finished * (size_t)width / (total ? total : 1));
        fprintf(stderr, "\r\033[K[%.*s%*s] %zu/%zu %s", filled,
                "##############################", width - filled, "", finished, total, s->name);
        if (finished == total)
            fputc('\n', stderr);
    } else if (ok) {
        printf("%s\n", s->file);
    }
}

static int find_subject(const kp_report_subject *s, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s[i].code, code))
            return (int)i;
    return -1;
}

/* Where one report goes: `out` as the file (with .pdf), or the subject's own
 * file name in the folder `out` names (one that exists, or ends in /). */
static int single_path(char path[PATH_MAX], const char *out, const char *file, kp_err *e)
{
    struct stat st;
    size_t n = out ? strlen(out) : 0;
    int folder = !out || (n && out[n - 1] == '/') || (stat(out, &st) == 0 && S_ISDIR(st.st_mode));
    if (folder && out && kp_out_dir(out, e))
        return -1;
    int len = folder ? snprintf(path, PATH_MAX, "%s%s%s", out ? out : "",
                                out && out[n - 1] != '/' ? "/" : "", file)
                     : snprintf(path, PATH_MAX, "%s%s", out,
                                n >= 4 && !strcmp(out + n - 4, ".pdf") ? "" : ".pdf");
    if (len >= PATH_MAX)
        return kp_fail(e, "%s: the path is too long", out);
    return 0;
}

int kp_cmd_report(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli; /* no set-up: the report room opens the store on connections of its own */
    kp_report_config cfg = {.db_path = KP_DEFAULT_DB};
    char shipped[PATH_MAX];
    const char *unit = NULL, *out = NULL, *password_file = NULL;
    char password[256];
    int all = 0, png = 0;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    double dpi = 60;
    static const struct option opts[] = {
        {"layout", required_argument, NULL, 'l'}, {"unit", required_argument, NULL, 'u'},
        {"all", no_argument, NULL, 'a'},          {"run", required_argument, NULL, 'r'},
        {"db", required_argument, NULL, 'd'},     {"png", no_argument, NULL, 'p'},
        {"dpi", required_argument, NULL, 'D'},    {"password-file", required_argument, NULL, 'P'},
        {"timeout", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"overwrite", no_argument, NULL, 'O'},
        /* Named, so that getopt does not take it for --password-file. */
        {"password", required_argument, NULL, 'X'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:j:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'l': cfg.layout_path = kp_cli_shipped(shipped, sizeof shipped, optarg, "reports"); break;
        case 'u': unit = optarg; break;
        case 'a': all = 1; break;
        case 'd': cfg.db_path = optarg; break;
        case 'o': out = optarg; break;
        case 'p': png = 1; break;
        case 'P': password_file = optarg; break;
        case 'O': cfg.out_flags |= KP_OUT_REPLACE; break;
        case 'X':
            return kp_cli_usage_error("report", "a password on the command line is visible to "
                                                "every user in `ps`: use --password-file FILE or -");
        case 'r':
            cfg.run_id = strtol(optarg, &end, 10);
            if (*end || cfg.run_id <= 0)
                return kp_cli_usage_error("report", "--run takes a run number");
            break;
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 64)
                return kp_cli_usage_error("report", "-j takes 1 to 64");
            break;
        case 't': {
            double sec = strtod(optarg, &end);
            if (*end || !(sec >= 0.1 && sec <= 3600))
                return kp_cli_usage_error("report", "--timeout takes 0.1 to 3600 seconds");
            cfg.time_ms = (unsigned)(sec * 1000);
            break;
        }
        case 'D':
            dpi = strtod(optarg, &end);
            if (*end || dpi < 10 || dpi > 600)
                return kp_cli_usage_error("report", "--dpi takes 10 to 600");
            png = 1;
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("report", "unknown option");
        }
    }
    if (optind < argc)
        return kp_cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    if (!cfg.layout_path)
        return kp_cli_usage_error("report", "--layout FILE is required");
    if (all && unit)
        return kp_cli_usage_error("report", "give --unit or --all, not both");
    if (jobs < 1)
        jobs = 1;

    kp_report *r;
    kp_err e;
    if (password_file) {
        if (kp_cli_read_secret(password_file, password, sizeof password, &e)) {
            kp_cli_error("%s", e.msg);
            return KP_EXIT_FAIL;
        }
        cfg.owner_password = password;
    }
    if (kp_report_open(&r, &cfg, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    if (!cfg.run_id && !kp_report_run_official(r))
        fprintf(stderr, "note: run %ld is a draft (草稿), its reports say so on the cover; "
                        "'kaoping publish %ld' makes it official\n",
                kp_report_run_id(r), kp_report_run_id(r));
    cfg.run_id = kp_report_run_id(r); /* workers must see the same run */
    kp_report_subject *subjects = NULL;
    size_t n = 0;
    int rc = KP_EXIT_FAIL;
    if (kp_report_subjects(r, &subjects, &n, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    if (!all) {
        int i = unit ? find_subject(subjects, n, unit) : (n == 1 ? 0 : -1);
        if (i < 0) {
            if (unit)
                kp_cli_error("%s has no subject %s (it has %zu; --all renders them all)",
                             cfg.layout_path, unit, n);
            else
                kp_cli_error("%s renders %zu reports: give --unit CODE or --all",
                             cfg.layout_path, n);
            goto out;
        }
        char pdf[PATH_MAX];
        if (single_path(pdf, out, subjects[i].file, &e) ||
            kp_report_render(r, (size_t)i, pdf, png ? dpi : 0, &e)) {
            kp_cli_error("%s", e.msg);
            goto out;
        }
        printf("%s\n", pdf);
        rc = KP_EXIT_OK;
        goto out;
    }
    const char *dir = out ? out : ".";
    if (kp_out_dir(dir, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    struct progress p = {.tty = isatty(2)};
    kp_batch_hooks hooks = {.ud = &p, .done = on_done};
    kp_report_close(r);
    r = NULL;
    long failed = kp_report_batch(&cfg, subjects, n, dir, (int)jobs, png ? dpi : 0, &hooks, &e);
    if (failed < 0) {
        kp_cli_error("%s", e.msg);
    } else if (failed > 0) {
        if (p.repeats)
            fprintf(stderr, "(%zu more report%s failed with an error shown above)\n",
                    p.repeats, p.repeats == 1 ? "" : "s");
        kp_cli_error("%ld of %zu reports failed; the others are in %s", failed, n, dir);
    } else {
        fprintf(stderr, "%zu reports written to %s\n", n, dir);
        rc = KP_EXIT_OK;
    }
    for (size_t i = 0; i < p.nseen; i++)
        free(p.seen[i]);
out:
    kp_report_subjects_free(subjects, n);
    kp_report_close(r);
    return rc;
}
