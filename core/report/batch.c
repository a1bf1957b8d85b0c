/* batch.c — one report per subject, in worker processes (see batch.h). */
#include "report/batch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_JOBS 64
/* Stands for a newline inside a worker's one-line message.  Not a tab: a
 * Lua traceback indents with tabs, and those must survive.  (A message that
 * holds this control character itself only gains a line break.) */
#define LINE_SEP '\x1f'

static int render_one(kp_report *r, size_t i, const kp_report_subject *s, const char *out_dir,
                      double png_dpi, kp_err *e)
{
    char pdf[PATH_MAX];
    if (snprintf(pdf, sizeof pdf, "%s/%s", out_dir, s->file) >= (int)sizeof pdf)
        return kp_fail(e, "%s/%s: the path is too long", out_dir, s->file);
    return kp_report_render(r, i, pdf, png_dpi, e);
}

/* Worker `k` of `jobs`: subjects k, k + jobs, ...; one line per subject on fd:
 * "<index> ok" or "<index> fail <message on one line>". */
static void worker(const kp_report_config *cfg, size_t n, const char *out_dir, int k, int jobs,
                   double png_dpi, int fd)
{
    kp_report *r = NULL;
    kp_report_subject *subjects = NULL;
    size_t count = 0;
    kp_err e;
    int setup = kp_report_open(&r, cfg, &e) || kp_report_subjects(r, &subjects, &count, &e);
    if (!setup && count != n) {
        kp_fail(&e, "the layout's subjects changed while rendering");
        setup = 1;
    }
    for (size_t i = (size_t)k; i < n; i += (size_t)jobs) {
        char line[KP_ERR_MAX + 64];
        kp_err re;
        int ok = !setup && render_one(r, i, &subjects[i], out_dir, png_dpi, &re) == 0;
        const char *msg = setup ? e.msg : re.msg;
        if (ok)
            snprintf(line, sizeof line, "%zu ok\n", i);
        else
            snprintf(line, sizeof line, "%zu fail %s", i, msg);
        for (char *p = line; *p; p++)
            if (*p == '\n' && p[1])
                *p = LINE_SEP; /* one line per report; turned back into newlines */
        if (!ok)
            strcat(line, "\n");
        size_t len = strlen(line), off = 0;
        while (off < len) {
            ssize_t w = write(fd, line + off, len - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                _exit(3);
            off += (size_t)w;
        }
    }
    kp_report_subjects_free(subjects, count);
    kp_report_close(r);
    _exit(0);
}

struct state {
    const kp_report_subject *subjects;
    size_t n, finished;
    long failed;
    unsigned char *reported;
    const kp_batch_hooks *hooks;
};

static void report(struct state *st, size_t i, int ok, const char *msg)
{
    if (i >= st->n || st->reported[i])
        return;
    st->reported[i] = 1;
    st->finished++;
    if (!ok)
        st->failed++;
    if (st->hooks && st->hooks->done)
        st->hooks->done(st->hooks->ud, &st->subjects[i], ok, msg, st->finished, st->n);
}

static void parse_line(struct state *st, char *line)
{
    char *end;
    unsigned long long i = strtoull(line, &end, 10);
    if (end == line || *end != ' ')
        return;
    if (!strncmp(end, " ok", 3)) {
        report(st, (size_t)i, 1, NULL);
    } else if (!strncmp(end, " fail ", 6)) {
        for (char *p = end + 6; *p; p++)
            if (*p == LINE_SEP)
                *p = '\n';
        report(st, (size_t)i, 0, end + 6);
    }
}

long kp_report_batch(const kp_report_config *cfg, const kp_report_subject *subjects, size_t n,
                     const char *out_dir, int jobs, double png_dpi, const kp_batch_hooks *hooks,
                     kp_err *e)
{
    if (jobs < 1)
        jobs = 1;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    struct state st = {.subjects = subjects, .n = n, .hooks = hooks};
    if (!(st.reported = calloc(n ? n : 1, 1)))
        return kp_fail(e, "out of memory");

    if (jobs == 1) {
        kp_report *r = NULL;
        kp_report_subject *mine = NULL;
        size_t count = 0;
        if (kp_report_open(&r, cfg, e) || kp_report_subjects(r, &mine, &count, e)) {
            kp_report_close(r);
            free(st.reported);
            return -1;
        }
        for (size_t i = 0; i < n && i < count; i++) {
            kp_err re;
            int ok = render_one(r, i, &subjects[i], out_dir, png_dpi, &re) == 0;
            report(&st, i, ok, ok ? NULL : re.msg);
        }
        kp_report_subjects_free(mine, count);
        kp_report_close(r);
        free(st.reported);
        return st.failed;
    }

    int fds[MAX_JOBS];
    pid_t pids[MAX_JOBS];
    char *bufs[MAX_JOBS];
    size_t lens[MAX_JOBS];
    int started = 0;
    pid_t parent = getpid();
    fflush(NULL);
    for (int k = 0; k < jobs; k++) {
        int p[2];
        if (pipe(p) < 0) {
            kp_fail_errno(e, "starting workers");
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            kp_fail_errno(e, "starting workers");
            close(p[0]);
            close(p[1]);
            break;
        }
        if (pid == 0) {
            /* A worker goes when kaoping does: killing `kaoping report`
             * stops every report it was writing, none is finished later. */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
                _exit(4);
            close(p[0]);
            for (int j = 0; j < started; j++)
                close(fds[j]);
            worker(cfg, n, out_dir, k, jobs, png_dpi, p[1]);
        }
        close(p[1]);
        fds[started] = p[0];
        pids[started] = pid;
        bufs[started] = NULL;
        lens[started] = 0;
        started++;
    }
    if (started == 0) {
        free(st.reported);
        return -1;
    }
    int open_fds = started;
    while (open_fds > 0) {
        struct pollfd pf[MAX_JOBS];
        for (int k = 0; k < started; k++)
            pf[k] = (struct pollfd){.fd = fds[k], .events = POLLIN};
        if (poll(pf, (nfds_t)started, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < started; k++) {
            if (fds[k] < 0 || !(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[4096];
            ssize_t got = read(fds[k], chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                close(fds[k]);
                fds[k] = -1;
                open_fds--;
                continue;
            }
            char *grown = realloc(bufs[k], lens[k] + (size_t)got + 1);
            if (!grown)
                continue;
            bufs[k] = grown;
            memcpy(bufs[k] + lens[k], chunk, (size_t)got);
            lens[k] += (size_t)got;
            bufs[k][lens[k]] = '\0';
            char *nl;
            while ((nl = memchr(bufs[k], '\n', lens[k]))) {
                *nl = '\0';
                parse_line(&st, bufs[k]);
                size_t used = (size_t)(nl - bufs[k]) + 1;
                memmove(bufs[k], nl + 1, lens[k] - used + 1);
                lens[k] -= used;
            }
        }
    }
    for (int k = 0; k < started; k++) {
        int status = 0;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        char why[128];
        if (WIFSIGNALED(status))
            snprintf(why, sizeof why, "the worker rendering it was killed by signal %d",
                     WTERMSIG(status));
        else
            snprintf(why, sizeof why, "the worker rendering it stopped (status %d)",
                     WEXITSTATUS(status));
        /* Whatever this worker had not reported, it did not finish. */
        for (size_t i = (size_t)k; i < n; i += (size_t)jobs)
            report(&st, i, 0, why);
        free(bufs[k]);
    }
    if (started < jobs)
        for (int k = started; k < jobs; k++)
            for (size_t i = (size_t)k; i < n; i += (size_t)jobs)
                report(&st, i, 0, "no worker could be started for it");
    free(st.reported);
    return st.failed;
}
