/*
 * pages_auth.c — the front door: the home page that sends each role to its
 * work, logging in and out (throttled, audited), and kaoping's own CSS and
 * JavaScript.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/audit.h"
#include "web/auth.h"
#include "web/router.h"
#include "web/session.h"
#include "web/throttle.h"

int kp_page_home(kp_req *r, const char *arg)
{
    (void)arg;
    if (!r->logged_in)
        return kp_respond_redirect(r, "/login");
    return kp_respond_redirect(r, strcmp(r->user.role, "county") ? "/city" : "/county");
}

static int login_form(kp_req *r, unsigned status, const char *error, const char *name)
{
    json_t *d = kp_page_data(r, "登录");
    if (error)
        json_object_set_new(d, "error", json_string(error));
    json_object_set_new(d, "name", json_string(name ? name : ""));
    return kp_respond_page(r, status, "login", d);
}

int kp_page_login_form(kp_req *r, const char *arg)
{
    (void)arg;
    return login_form(r, 200, NULL, NULL);
}

static void audit(kp_req *r, const char *who, const char *action, const char *detail)
{
    kp_err e;
    if (kp_audit(kp_store_db(r->store), who, r->addr, action, detail, &e))
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
}

/* Check name and password; 200 with a new session, else the status to answer and *why. */
static unsigned sign_in(kp_req *r, const char *name, const char *password, const char **why)
{
    long wait = kp_throttle_wait(name, r->addr);
    if (wait > 0) {
        audit(r, name, "login-throttled", "登录尝试过多，已暂停");
        *why = "登录失败次数过多，请 15 分钟后再试";
        return 429;
    }
    kp_user u;
    kp_err e;
    int ok = kp_user_verify(kp_store_db(r->store), name, password, &u, &e);
    if (ok < 0) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        *why = "服务器内部错误";
        return 500;
    }
    if (!ok) {
        kp_throttle_failed(name, r->addr);
        audit(r, name, "login-failed", "账号或密码错误");
        *why = "账号或密码错误";
        return 401;
    }
    kp_throttle_passed(name);
    if (kp_session_start(r, u.id, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        *why = "服务器内部错误";
        return 500;
    }
    r->logged_in = 1;
    r->user = u;
    audit(r, name, "login", u.role);
    return 200;
}

int kp_page_login(kp_req *r, const char *arg)
{
    (void)arg;
    const char *name = kp_req_form(r, "name"), *password = kp_req_form(r, "password");
    if (!name || !password || !*name)
        return login_form(r, 400, "请输入账号和密码", name);
    const char *why = NULL;
    unsigned status = sign_in(r, name, password, &why);
    if (status != 200)
        return login_form(r, status, why, name);
    return kp_respond_redirect(r, "/");
}

int kp_page_logout(kp_req *r, const char *arg)
{
    (void)arg;
    kp_err e;
    audit(r, r->user.name, "logout", "");
    if (kp_session_end(r, &e))
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
    return kp_respond_redirect(r, "/login");
}

int kp_api_login(kp_req *r, const char *arg)
{
    (void)arg;
    const char *name = kp_req_form(r, "name"), *password = kp_req_form(r, "password");
    if (!name || !password || !*name)
        return kp_respond_error(r, 400, "请提供 name 和 password");
    const char *why = NULL;
    unsigned status = sign_in(r, name, password, &why);
    if (status != 200)
        return kp_respond_error(r, status, why);
    return kp_respond_json(r, 200, json_pack("{s:s, s:{s:s, s:s, s:s}}", "csrf", r->csrf, "user",
                                             "name", r->user.name, "role", r->user.role, "unit",
                                             r->user.unit));
}

int kp_api_logout(kp_req *r, const char *arg)
{
    (void)arg;
    kp_err e;
    audit(r, r->user.name, "logout", "");
    if (kp_session_end(r, &e))
        return kp_respond_error(r, 500, "服务器内部错误");
    return kp_respond_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && !strcmp(dot, ".css"))
        return "text/css; charset=utf-8";
    if (dot && !strcmp(dot, ".js"))
        return "text/javascript; charset=utf-8";
    if (dot && !strcmp(dot, ".svg"))
        return "image/svg+xml";
    if (dot && !strcmp(dot, ".png"))
        return "image/png";
    return NULL;
}

int kp_page_static(kp_req *r, const char *arg)
{
    const char *type = type_of(arg);
    int safe = type && arg[0] != '.';
    for (const char *p = arg; safe && *p; p++)
        safe = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
               *p == '.';
    if (!safe)
        return kp_respond_error(r, 404, "页面不存在");
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", r->web->static_dir, arg);
    FILE *f = fopen(path, "rb");
    if (!f)
        return kp_respond_error(r, 404, "页面不存在");
    char buf[256 * 1024];
    size_t n = fread(buf, 1, sizeof buf, f);
    int bad = ferror(f) || !feof(f);
    fclose(f);
    if (bad)
        return kp_respond_error(r, 500, "服务器内部错误");
    return kp_respond_bytes(r, type, buf, n);
}
