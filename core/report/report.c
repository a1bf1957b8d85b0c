/*
 * report.c — one layout, one run: loading them, and rendering a subject's
 * report to PDF (and PNG previews) or one of its charts to PNG/SVG.
 *
 * Everything the layout gets is prepared here: the sandbox with read-only
 * data access, the shared helpers of reports/lib, the `run` table, and the
 * document object.  A layout error anywhere — at load, in subjects() or in
 * render() — comes back as file:line with a traceback, and no file is
 * written.  The PDF's timestamp is $SOURCE_DATE_EPOCH when set, else the
 * run's own time, so rendering a stored run again gives the same bytes.
 */
#include "report/report.h"

#include <lauxlib.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/atomic_file.h"
#include "render/canvas_cairo.h"
#include "render/layout.h"
#include "render/paint.h"
#include "pdf/pdf.h"
#include "report/docapi.h"
#include "report/run.h"
#include "script/balance.h"
#include "script/sandbox.h"
#include "util/outfile.h"
#include "util/paths.h"

#define DEFAULT_TIME_MS 30000u
#define LAYOUT_MEMORY ((size_t)256 << 20)

struct kp_report {
    kp_report_config cfg;
    kp_sandbox *sb;
    kp_font *font;
    kp_subsetter *subsetter;
    char *layout_dir;
    char name[64];
    int env_ref, run_ref, subjects_ref; /* Lua registry references */
    kp_run_info run;
};

static int layout_function(kp_report *r, const char *field, int required, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->env_ref);
    int t = lua_getfield(L, -1, field);
    lua_remove(L, -2);
    if (t == LUA_TFUNCTION)
        return 1;
    lua_pop(L, 1);
    if (t == LUA_TNIL && !required)
        return 0;
    return kp_fail(e, "%s: the layout must define %s %s(...)", r->cfg.layout_path,
                   t == LUA_TNIL ? "a function" : "its", field);
}

static int load_layout(kp_report *r, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    char lib[PATH_MAX];
    struct stat st;
    snprintf(lib, sizeof lib, "%s/lib", r->layout_dir);
    /* A layout copied out of reports/ to be adapted still finds the shared
     * helpers: kaoping's own reports/lib when its folder has no lib/. */
    if (stat(lib, &st) != 0 || !S_ISDIR(st.st_mode))
        kp_data_path(lib, sizeof lib, "reports/lib");
    if (stat(lib, &st) == 0 && S_ISDIR(st.st_mode) && kp_sandbox_load_library_dir(r->sb, lib, e))
        return -1;
    if (kp_sandbox_run_file(r->sb, r->cfg.layout_path, 1, e))
        return -1;
    r->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->env_ref);
    int t = lua_getfield(L, -1, "name");
    const char *name = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int ok = name && strlen(name) < sizeof r->name && kp_out_name_ok(name);
    if (ok)
        strcpy(r->name, name);
    lua_pop(L, 2);
    if (!ok)
        return kp_fail(e, "%s: the layout must set name = \"...\" (a plain file name of at most "
                          "%zu bytes: no slashes, no leading dot)", r->cfg.layout_path,
                       sizeof r->name - 1);
    if (layout_function(r, "render", 1, e) < 0)
        return -1;
    lua_pop(L, 1);
    return 0;
}

static int push_run(kp_report *r)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, r->run.id);
    lua_setfield(L, -2, "id");
    lua_pushinteger(L, r->run.year);
    lua_setfield(L, -2, "year");
    lua_pushstring(L, r->run.rules);
    lua_setfield(L, -2, "rules");
    lua_pushstring(L, r->run.created);
    lua_setfield(L, -2, "created");
    lua_pushboolean(L, r->run.official);
    lua_setfield(L, -2, "official");
    lua_pushstring(L, r->run.label);
    lua_setfield(L, -2, "label");
    r->run_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

int kp_report_open(kp_report **out, const kp_report_config *cfg, kp_err *e)
{
    *out = NULL;
    kp_report *r = calloc(1, sizeof *r);
    if (!r)
        return kp_fail(e, "out of memory");
    r->cfg = *cfg;
    r->env_ref = r->run_ref = r->subjects_ref = LUA_NOREF;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", cfg->layout_path);
    kp_sandbox_limits lim = {.memory = LAYOUT_MEMORY,
                             .time_ms = cfg->time_ms ? cfg->time_ms : DEFAULT_TIME_MS};
    if (!(r->layout_dir = strdup(dirname(dir)))) {
        kp_fail(e, "out of memory");
        goto fail;
    }
    if (kp_run_info_load(&r->run, cfg->db_path, cfg->run_id, e) ||
        kp_font_open(&r->font, cfg->font_path, 0, e) ||
        kp_subsetter_open(&r->subsetter, r->font, e) || kp_sandbox_new(&r->sb, &lim, e) ||
        kp_sandbox_open_db(r->sb, cfg->db_path, e) || load_layout(r, e) || push_run(r))
        goto fail;
    *out = r;
    return 0;
fail:
    kp_report_close(r);
    return -1;
}

void kp_report_close(kp_report *r)
{
    if (!r)
        return;
    kp_sandbox_free(r->sb);
    kp_subsetter_close(r->subsetter);
    kp_font_close(r->font);
    kp_run_info_free(&r->run);
    free(r->layout_dir);
    free(r);
}

long kp_report_run_id(const kp_report *r)
{
    return r->run.id;
}

int kp_report_run_official(const kp_report *r)
{
    return r->run.official;
}

const char *kp_report_layout_name(const kp_report *r)
{
    return r->name;
}

void kp_report_subjects_free(kp_report_subject *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++) {
        free(s[i].code);
        free(s[i].name);
        free(s[i].file);
    }
    free(s);
}

/* The subject's file name: the layout's `file` with kaoping's own suffix, or
 * one made from the layout's name and the subject's code and name, which are
 * data and may hold anything (a slash, a thousand characters). */
static int subject_file(kp_report *r, kp_report_subject *s, char *given, kp_err *e)
{
    char buf[KP_OUT_NAME_MAX + 64] = "";
    if (given) {
        size_t n = strlen(given);
        int has_pdf = n >= 4 && !strcmp(given + n - 4, ".pdf");
        snprintf(buf, sizeof buf, "%.*s%s", KP_OUT_NAME_MAX + 1, given, has_pdf ? "" : ".pdf");
        if (!kp_out_name_ok(buf)) {
            kp_fail(e, "%s: subject %s: file \"%s\" is not a plain file name (no folders, "
                       "no leading dot, no control characters, at most %d bytes)",
                    r->cfg.layout_path, s->code, given, KP_OUT_NAME_MAX);
            free(given);
            return -1;
        }
    } else {
        snprintf(buf, sizeof buf, "%s-", r->name);
        kp_out_name_append(buf, sizeof buf, s->code, 40);
        strcat(buf, "-");
        kp_out_name_append(buf, sizeof buf, s->name, 90);
        strcat(buf, ".pdf");
    }
    free(given);
    if (!(s->file = strdup(buf)))
        return kp_fail(e, "out of memory");
    return 0;
}

/* Two subjects writing one file would leave only the last: refused before
 * anything is written. */
static int unique_files(kp_report *r, const kp_report_subject *s, size_t n, kp_err *e)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s[i].file, s[j].file))
                return kp_fail(e, "%s: subjects %s and %s would both be written to \"%s\"",
                               r->cfg.layout_path, s[j].code, s[i].code, s[i].file);
    return 0;
}

static int read_subject(kp_report *r, int idx, size_t i, kp_report_subject *s, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    if (lua_type(L, idx) != LUA_TTABLE)
        return kp_fail(e, "%s: subjects() entry %zu must be a table {code=, name=}",
                       r->cfg.layout_path, i + 1);
    const char *f[3] = {"code", "name", "file"};
    char *v[3] = {NULL, NULL, NULL};
    KP_LUA_BALANCED(L);
    for (int k = 0; k < 3; k++) {
        /* Raw: this runs outside any time or memory limit, where an __index
         * must not run. */
        lua_pushstring(L, f[k]);
        int t = lua_rawget(L, idx);
        if (t == LUA_TSTRING || t == LUA_TNUMBER)
            v[k] = strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    KP_LUA_BALANCE_IS(L, 0);
    s->code = v[0], s->name = v[1];
    if (!s->code || !s->name) {
        free(v[2]);
        return kp_fail(e, "%s: subjects() entry %zu needs code and name", r->cfg.layout_path,
                       i + 1);
    }
    return subject_file(r, s, v[2], e);
}

int kp_report_subjects(kp_report *r, kp_report_subject **out, size_t *n, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    *out = NULL;
    *n = 0;
    int has = layout_function(r, "subjects", 0, e);
    if (has < 0)
        return -1;
    if (!has) {
        /* One report: the subject is the layout itself. */
        lua_createtable(L, 1, 0);
        lua_createtable(L, 0, 2);
        lua_pushliteral(L, "");
        lua_setfield(L, -2, "code");
        lua_pushstring(L, r->name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, r->name);
        lua_setfield(L, -2, "file");
        lua_rawseti(L, -2, 1);
    } else {
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->run_ref);
        if (kp_sandbox_call(r->sb, 1, 1, 0, e))
            return -1;
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            return kp_fail(e, "%s: subjects() must return a list of {code=, name=}",
                           r->cfg.layout_path);
        }
    }
    int list = lua_gettop(L);
    size_t count = lua_rawlen(L, list);
    kp_report_subject *s = calloc(count ? count : 1, sizeof *s);
    if (!s) {
        lua_pop(L, 1);
        return kp_fail(e, "out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        lua_rawgeti(L, list, (lua_Integer)i + 1);
        int rc = read_subject(r, lua_gettop(L), i, &s[i], e);
        lua_pop(L, 1);
        if (rc) {
            kp_report_subjects_free(s, count);
            lua_pop(L, 1);
            return -1;
        }
    }
    if (unique_files(r, s, count, e)) {
        kp_report_subjects_free(s, count);
        lua_pop(L, 1);
        return -1;
    }
    luaL_unref(L, LUA_REGISTRYINDEX, r->subjects_ref);
    r->subjects_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    *out = s;
    *n = count;
    return 0;
}

/* Call render(doc, run, subject i) with `api` as the document object. */
static int call_render(kp_report *r, size_t i, kp_docapi *api, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(r->sb);
    if (r->subjects_ref == LUA_NOREF)
        return kp_fail(e, "no subjects were read from the layout");
    if (layout_function(r, "render", 1, e) < 0)
        return -1;
    if (kp_docapi_push(r->sb, api, e)) {
        lua_pop(L, 1);
        return -1;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->run_ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->subjects_ref);
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    lua_remove(L, -2);
    int rc = kp_sandbox_call(r->sb, 3, 0, 0, e);
    kp_docapi_release(r->sb, api);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long long pdf_timestamp(const kp_report *r)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        return 0; /* the PDF writer reads it */
    return r->run.created_epoch;
}

/* A picture to `path` under the run's rules for existing files. */
static int save_picture(kp_canvas *cv, const char *path, unsigned flags, kp_err *e)
{
    kp_buf data;
    kp_buf_init(&data, 0);
    int rc = kp_canvas_cairo_encode(cv, &data, e) ? kp_err_wrap(e, "%s", path)
                                                  : kp_write_file(path, data.data ? data.data : "",
                                                                  data.len, flags, e);
    kp_buf_free(&data);
    return rc;
}

static int write_pngs(const kp_layout *l, kp_font *font, const char *pdf_path, double dpi,
                      unsigned flags, kp_err *e)
{
    char prefix[PATH_MAX];
    snprintf(prefix, sizeof prefix, "%s", pdf_path);
    size_t len = strlen(prefix);
    if (len > 4 && !strcmp(prefix + len - 4, ".pdf"))
        prefix[len - 4] = '\0';
    for (size_t p = 0; p < l->npages; p++) {
        kp_canvas *cv;
        if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, l->pages[p].width, l->pages[p].height,
                                dpi / 72.0, e))
            return -1;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s-%zu.png", prefix, p + 1);
        int rc = kp_paint_page(l, p, cv, e) || save_picture(cv, path, flags, e);
        kp_canvas_cairo_free(cv);
        if (rc)
            return -1;
    }
    return 0;
}

int kp_report_render(kp_report *r, size_t i, const char *pdf_path,
                     double png_dpi, kp_err *e)
{
    kp_docapi api = {.layout_dir = r->layout_dir, .ref = LUA_NOREF};
    kp_layout *l = NULL;
    kp_pdf_stats ps = {0};
    kp_buf pdf;
    kp_buf_init(&pdf, 0);
    int rc = -1;
    double t0 = now_ms(), t1, t2, t3;
    if (kp_doc_new(&api.doc, e))
        return -1;
    if (call_render(r, i, &api, e))
        goto out;
    if (!kp_doc_info(api.doc, KP_INFO_TITLE) || !*kp_doc_info(api.doc, KP_INFO_TITLE))
        kp_doc_set_info(api.doc, KP_INFO_TITLE, r->name, e);
    t1 = now_ms();
    if (kp_layout_run(&l, api.doc, r->font, e)) {
        kp_err_wrap(e, "%s", pdf_path);
        goto out;
    }
    t2 = now_ms();
    kp_pdf_options opts = {.timestamp = pdf_timestamp(r),
                           .owner_password = r->cfg.owner_password,
                           .print_only = r->cfg.owner_password != NULL,
                           .stats = &ps};
    if (kp_pdf_render(api.doc, l, r->font, r->subsetter, &opts, &pdf, e)) {
        kp_err_wrap(e, "%s", pdf_path);
        goto out;
    }
    t3 = now_ms();
    if (kp_write_file(pdf_path, pdf.data, pdf.len, r->cfg.out_flags, e))
        goto out;
    if (r->cfg.stats)
        *r->cfg.stats = (kp_report_stats){.script_ms = t1 - t0,
                                          .layout_ms = t2 - t1,
                                          .collect_ms = ps.collect_ms,
                                          .subset_ms = ps.subset_ms,
                                          .pdf_ms = ps.write_ms,
                                          .file_ms = now_ms() - t3,
                                          .pages = l->npages,
                                          .bytes = pdf.len,
                                          .chars = ps.chars};
    if (png_dpi > 0 && write_pngs(l, r->font, pdf_path, png_dpi, r->cfg.out_flags, e))
        goto out;
    rc = 0;
out:
    kp_buf_free(&pdf);
    kp_layout_free(l);
    kp_doc_free(api.doc);
    return rc;
}

int kp_report_chart(kp_report *r, size_t i, const char *chart, const char *path, double width,
                    double height, kp_err *e)
{
    kp_docapi api = {.layout_dir = r->layout_dir, .chart_name = chart, .ref = LUA_NOREF};
    kp_canvas *cv = NULL;
    int rc = -1;
    if (kp_doc_new(&api.doc, e))
        return -1;
    if (call_render(r, i, &api, e))
        goto out;
    if (!api.captured) {
        kp_fail(e, "%s has no chart named \"%s\"; its charts: %s", r->cfg.layout_path, chart,
                api.chart_names ? api.chart_names : "(none with a name)");
        goto out;
    }
    size_t n = strlen(path);
    int svg = n > 4 && !strcmp(path + n - 4, ".svg");
    if (!svg && !(n > 4 && !strcmp(path + n - 4, ".png"))) {
        kp_fail(e, "%s: the chart file must end in .png or .svg", path);
        goto out;
    }
    if (kp_canvas_cairo_new(&cv, svg ? KP_CAIRO_SVG : KP_CAIRO_IMAGE, r->font, width, height,
                            svg ? 1.0 : 2.0, e) ||
        kp_chart_paint(api.captured, cv, 0, 0, width, height, e) ||
        save_picture(cv, path, r->cfg.out_flags, e))
        goto out;
    rc = 0;
out:
    kp_canvas_cairo_free(cv);
    kp_chart_free(api.captured);
    free(api.chart_names);
    kp_doc_free(api.doc);
    return rc;
}
