/* router.c — the route table and the checks in front of every page (see router.h). */
#include "web/router.h"

#include <stdio.h>
#include <string.h>

#include "web/session.h"

#define ANYONE 0u
#define ADMIN 0x1u
#define STAFF 0x2u
#define ASSESSOR 0x4u
#define COUNTY 0x8u
#define CITY (ADMIN | STAFF | ASSESSOR)
#define SIGNED_IN (CITY | COUNTY)

struct route {
    const char *method;
    const char *path; /* ending in '/': a prefix, the rest (one segment) is the argument */
    unsigned roles;   /* ANYONE: no session needed */
    int csrf;
    int (*page)(kp_req *r, const char *arg);
    const char *suffix; /* what follows the argument's segment, if anything */
};

static const struct route routes[] = {
    {"GET", "/", ANYONE, 0, kp_page_home, NULL},
    {"GET", "/login", ANYONE, 0, kp_page_login_form, NULL},
    {"POST", "/login", ANYONE, 0, kp_page_login, NULL},
    {"POST", "/logout", SIGNED_IN, 1, kp_page_logout, NULL},
    {"GET", "/static/", ANYONE, 0, kp_page_static, NULL},
    {"GET", "/county", SIGNED_IN, 0, kp_page_county, NULL},
    {"GET", "/forms/", SIGNED_IN, 0, kp_page_form_csv, NULL},
    {"POST", "/upload", COUNTY | STAFF | ADMIN, 1, kp_page_upload, NULL},
    {"GET", "/history", SIGNED_IN, 0, kp_page_history, NULL},
    {"POST", "/undo/", COUNTY | STAFF | ADMIN, 1, kp_page_undo, NULL},
    {"GET", "/rows/", SIGNED_IN, 0, kp_page_rows, NULL},
    {"GET", "/city", CITY, 0, kp_page_city, NULL},
    {"GET", "/admin/users", ADMIN, 0, kp_page_users, NULL},
    {"POST", "/admin/users", ADMIN, 1, kp_page_user_add, NULL},
    {"POST", "/admin/users/passwd", ADMIN, 1, kp_page_user_passwd, NULL},
    {"POST", "/admin/users/disable", ADMIN, 1, kp_page_user_disable, NULL},
    {"GET", "/admin/deadline", ADMIN, 0, kp_page_deadline, NULL},
    {"POST", "/admin/deadline", ADMIN, 1, kp_page_deadline_set, NULL},
    {"GET", "/admin/audit", ADMIN, 0, kp_page_audit, NULL},
    {"POST", "/api/session", ANYONE, 0, kp_api_login, NULL},
    {"DELETE", "/api/session", SIGNED_IN, 1, kp_api_logout, NULL},
    {"GET", "/api/status", SIGNED_IN, 0, kp_api_status, NULL},
    {"POST", "/api/uploads", COUNTY | STAFF | ADMIN, 1, kp_api_upload, NULL},
    {"GET", "/api/imports", SIGNED_IN, 0, kp_api_imports, NULL},
    {"POST", "/api/imports/", COUNTY | STAFF | ADMIN, 1, kp_api_undo, "/undo"},
};

static unsigned role_bit(const char *role)
{
    if (!strcmp(role, "admin"))
        return ADMIN;
    if (!strcmp(role, "staff"))
        return STAFF;
    if (!strcmp(role, "assessor"))
        return ASSESSOR;
    return !strcmp(role, "county") ? COUNTY : 0;
}

/* Does `path` match the route?  *arg is set for prefix routes. */
static int matches(const struct route *rt, const char *path, const char **arg)
{
    size_t n = strlen(rt->path);
    *arg = NULL;
    if (n > 1 && rt->path[n - 1] == '/') {
        if (strncmp(path, rt->path, n) || !path[n])
            return 0;
        const char *slash = strchr(path + n, '/');
        if (slash ? !rt->suffix || strcmp(slash, rt->suffix) : rt->suffix != NULL)
            return 0;
        *arg = path + n;
        return 1;
    }
    return !strcmp(path, rt->path);
}

static void refuse_anonymous(kp_req *r)
{
    if (kp_req_is_api(r) || strcmp(r->method, "GET"))
        kp_respond_error(r, 401, "请先登录");
    else
        kp_respond_redirect(r, "/login");
}

void kp_route(kp_req *r)
{
    int path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const struct route *rt = &routes[i];
        const char *arg;
        if (!matches(rt, r->url, &arg))
            continue;
        path_known = 1;
        if (strcmp(rt->method, r->method))
            continue;
        if (rt->roles != ANYONE && !r->logged_in) {
            refuse_anonymous(r);
            return;
        }
        if (rt->roles != ANYONE && !(rt->roles & role_bit(r->user.role))) {
            kp_respond_error(r, 403, "您的账号无权访问此页面");
            return;
        }
        if (rt->csrf && !kp_csrf_ok(r)) {
            kp_respond_error(r, 403, "请求缺少有效的安全令牌（CSRF），请刷新页面后重试");
            return;
        }
        rt->page(r, arg);
        return;
    }
    if (path_known)
        kp_respond_error(r, 405, "不支持此请求方法");
    else
        kp_respond_error(r, 404, "页面不存在");
}

int kp_county_name(kp_req *r, const char *code, char *name, size_t nn)
{
    sqlite3 *db = kp_store_db(r->store);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name FROM units WHERE code = ?1 AND level = 2", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(name, nn, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int kp_target_county(kp_req *r, char *code, size_t n, char *name, size_t nn)
{
    const char *asked = kp_req_query(r, "unit");
    const char *form = kp_req_form(r, "unit");
    if (!strcmp(r->user.role, "county")) {
        if ((asked && strcmp(asked, r->user.unit)) || (form && strcmp(form, r->user.unit))) {
            kp_respond_error(r, 403, "县级账号只能查看和提交本县的数据");
            return -1;
        }
        snprintf(code, n, "%s", r->user.unit);
        snprintf(name, nn, "%s", r->user.unit_name);
        return 0;
    }
    if (asked && form && strcmp(asked, form)) {
        kp_respond_error(r, 400, "请求中的县不一致");
        return -1;
    }
    const char *u = form ? form : asked;
    int found = u ? kp_county_name(r, u, name, nn) : 0;
    if (found < 0) {
        kp_respond_error(r, 500, "服务器内部错误");
        return -1;
    }
    if (!found) {
        kp_respond_error(r, 404, u ? "没有这个县" : "请指定县（unit）");
        return -1;
    }
    snprintf(code, n, "%s", u);
    return 0;
}
