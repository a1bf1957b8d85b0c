/* cmd_import.c — `kaoping import`: county files into the database. */
#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "import/import.h"

static const char usage[] =
    "usage: kaoping import [--db FILE] [--merge] [--force] [--quiet] [--follow] PATH...\n"
    "\n"
    "Import CSV files and Excel workbooks (.xlsx, .xls) into the database, all or\n"
    "nothing: if any row of any file is wrong, nothing is stored and every\n"
    "problem is listed as\n"
    "  file:line: column: what is wrong, what was expected\n"
    "  file.xlsx:工作表!C17: column: what is wrong, what was expected\n"
    "\n"
    "PATH is a file named after its table (member_trainings.csv goes into table\n"
    "member_trainings), TABLE=FILE for a file named otherwise, or a folder whose\n"
    ".csv, .xlsx and .xls files are all imported.  A workbook's sheets named after\n"
    "a table (its id or Chinese title) go into that table; hidden sheets are left\n"
    "out.  The content, not the name, decides how a file is read.  units.csv is\n"
    "always imported first.  CSV files may be UTF-8 (with or without BOM) or\n"
    "GBK/GB18030, as Excel saves them.  A title row above the header and a\n"
    "trailing 合计 row are skipped with a note.\n"
    "Headers may use the English column ids or the Chinese titles, in any order;\n"
    "'kaoping plugins' lists them.\n"
    "\n"
    "A file is a county's submission of its table for a year: it replaces, for\n"
    "every county and year it holds rows of, that table's rows there.  Rows with\n"
    "the same key are replaced, rows gone from the file are removed (see\n"
    "docs/data.md).  An import that would remove more than half of a county's\n"
    "rows is refused unless --force.  'kaoping imports' lists imports and\n"
    "'kaoping undo ID' undoes one.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  --merge     add and replace key by key, remove nothing\n"
    "  --force     remove even more than half of a county's rows\n"
    "  --quiet     print only problems\n"
    "  --follow    also import links in a folder that lead out of it (without\n"
    "              it they are refused; FIFOs and devices in a folder always are)\n"
    "  -h, --help  show this help\n";

struct cli_state {
    int quiet;
    int tty;
    int shown;     /* a progress line is on screen */
    time_t last;
};

static void on_problem(void *ud, const char *msg)
{
    struct cli_state *c = ud;
    if (c->shown) {
        fputs("\r\033[K", stderr);
        c->shown = 0;
    }
    kp_cli_print_safe(stderr, msg);
}

static void on_note(void *ud, const char *msg)
{
    struct cli_state *c = ud;
    if (!c->quiet)
        on_problem(ud, msg);
}

static void on_file(void *ud, const kp_import_file_stats *st)
{
    struct cli_state *c = ud;
    if (c->quiet)
        return;
    printf("%s → %s (%s): %ld rows: %ld added, %ld replaced, %ld removed, %ld unchanged\n",
           st->path, st->table, st->encoding ? st->encoding : "?", st->rows, st->added,
           st->replaced, st->removed, st->unchanged);
    for (size_t i = 0; i < st->ncounties && st->ncounties > 1; i++) {
        const kp_import_county *k = &st->counties[i];
        if (*k->code)
            printf("  %s %s: %ld added, %ld replaced, %ld removed, %ld unchanged\n", k->code,
                   k->name, k->added, k->replaced, k->removed, k->unchanged);
    }
}

/* Files over a few MB get a progress line, refreshed at most once a second. */
static void on_progress(void *ud, const char *path, uint64_t done, uint64_t total, long rows)
{
    struct cli_state *c = ud;
    if (c->quiet || total < 4u << 20)
        return;
    time_t now = time(NULL);
    if (done < total && now == c->last)
        return;
    c->last = now;
    if (c->tty) {
        fprintf(stderr, "\r\033[K%s: %3d%%, %ld rows", path, (int)(done * 100 / total), rows);
        c->shown = done < total;
        if (!c->shown)
            fputc('\n', stderr);
    } else {
        fprintf(stderr, "%s: %d%%, %ld rows\n", path, (int)(done * 100 / total), rows);
    }
}

int kp_cmd_import(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    struct cli_state state = {.tty = isatty(2)};
    kp_import_options opt = {0};
    int follow = 0;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"merge", no_argument, NULL, 'm'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"follow", no_argument, NULL, 'F'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'q': state.quiet = 1; break;
        case 'm': opt.merge = 1; break;
        case 'f': opt.force = 1; break;
        case 'F': follow = 1; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("import", "unknown option");
        }
    }
    if (optind == argc)
        return kp_cli_usage_error("import", "name the files or folders to import");

    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_registry *reg = cli->reg;
    kp_import_hooks hooks = {.ud = &state, .problem = on_problem, .file_done = on_file,
                             .progress = on_progress, .note = on_note, .follow = follow};
    kp_import_totals t;
    kp_err e;
    int rc = kp_import_with(s, reg, (const char *const *)argv + optind, (size_t)(argc - optind),
                            &opt, &hooks, &t, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    else if (!state.quiet)
        printf("imported %ld file%s, %ld rows: %ld added, %ld replaced, %ld removed, "
               "%ld unchanged (import %ld)\n",
               t.files, t.files == 1 ? "" : "s", t.rows, t.added, t.replaced, t.removed,
               t.unchanged, t.import_id);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
