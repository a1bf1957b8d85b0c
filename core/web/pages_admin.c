/*
 * pages_admin.c — what only an administrator does in the browser: accounts
 * (add, new password, disable), the year's deadline, and the audit log.
 * Every change is written to the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/audit.h"
#include "web/auth.h"
#include "web/router.h"
#include "web/status.h"

#define AUDIT_PER_PAGE 100

static int users_page(kp_req *r, unsigned status, const char *error, const char *done)
{
    json_t *users, *counties;
    kp_err e;
    if (kp_user_list(kp_store_db(r->store), &users, &e))
        goto fail;
    if (kp_status_counties(kp_store_db(r->store), &counties, &e)) {
        json_decref(users);
        goto fail;
    }
    json_t *d = kp_page_data(r, "账号管理");
    json_object_set_new(d, "users", users);
    json_object_set_new(d, "counties", counties);
    if (error)
        json_object_set_new(d, "error", json_string(error));
    if (done)
        json_object_set_new(d, "done", json_string(done));
    return kp_respond_page(r, status, "users", d);
fail:
    fprintf(stderr, "kaoping serve: %s\n", e.msg);
    return kp_respond_error(r, 500, "服务器内部错误");
}

int kp_page_users(kp_req *r, const char *arg)
{
    (void)arg;
    return users_page(r, 200, NULL, NULL);
}

static const char *field(const kp_req *r, const char *name)
{
    const char *v = kp_req_form(r, name);
    return v ? v : "";
}

/* Audit the change and show the list again, with the outcome. */
static int after_change(kp_req *r, int failed, const kp_err *e, const char *action,
                        const char *detail, const char *done)
{
    if (failed)
        return users_page(r, 422, e->msg, NULL);
    kp_err ae;
    if (kp_audit(kp_store_db(r->store), r->user.name, r->addr, action, detail, &ae))
        fprintf(stderr, "kaoping serve: %s\n", ae.msg);
    return users_page(r, 200, NULL, done);
}

int kp_page_user_add(kp_req *r, const char *arg)
{
    (void)arg;
    const char *name = field(r, "name"), *role = field(r, "role"), *unit = field(r, "unit");
    kp_err e;
    int failed = kp_user_add(kp_store_db(r->store), name, role, *unit ? unit : NULL,
                             field(r, "password"), &e);
    char detail[256];
    snprintf(detail, sizeof detail, "新增账号 %s（%s%s%s）", name, role, *unit ? "，" : "", unit);
    return after_change(r, failed, &e, "user-add", detail, "账号已创建");
}

int kp_page_user_passwd(kp_req *r, const char *arg)
{
    (void)arg;
    const char *name = field(r, "name");
    kp_err e;
    int failed = kp_user_passwd(kp_store_db(r->store), name, field(r, "password"), &e);
    char detail[128];
    snprintf(detail, sizeof detail, "重设账号 %s 的密码", name);
    return after_change(r, failed, &e, "user-passwd", detail, "密码已更新，该账号需重新登录");
}

int kp_page_user_disable(kp_req *r, const char *arg)
{
    (void)arg;
    const char *name = field(r, "name");
    int disable = strcmp(field(r, "enable"), "1") != 0;
    kp_err e;
    int failed = !strcmp(name, r->user.name) && disable
                     ? kp_fail(&e, "不能停用自己正在使用的账号")
                     : kp_user_set_disabled(kp_store_db(r->store), name, disable, &e);
    char detail[128];
    snprintf(detail, sizeof detail, "%s账号 %s", disable ? "停用" : "启用", name);
    return after_change(r, failed, &e, disable ? "user-disable" : "user-enable", detail,
                        disable ? "账号已停用" : "账号已启用");
}

static int deadline_page(kp_req *r, unsigned status, const char *error, const char *done)
{
    json_t *dl;
    kp_err e;
    if (kp_deadline_get(kp_store_db(r->store), kp_req_year(r), &dl, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        return kp_respond_error(r, 500, "服务器内部错误");
    }
    json_t *d = kp_page_data(r, "提交截止日期");
    json_object_set_new(d, "deadline", dl);
    if (error)
        json_object_set_new(d, "error", json_string(error));
    if (done)
        json_object_set_new(d, "done", json_string(done));
    return kp_respond_page(r, status, "deadline", d);
}

int kp_page_deadline(kp_req *r, const char *arg)
{
    (void)arg;
    return deadline_page(r, 200, NULL, NULL);
}

int kp_page_deadline_set(kp_req *r, const char *arg)
{
    (void)arg;
    int year = kp_req_year(r), reopened = !strcmp(field(r, "reopened"), "1");
    const char *due = field(r, "due");
    kp_err e;
    if (kp_deadline_set(kp_store_db(r->store), year, due, reopened, &e))
        return deadline_page(r, 422, e.msg, NULL);
    char detail[128];
    snprintf(detail, sizeof detail, "%d 年度截止日期设为 %s%s", year, due,
             reopened ? "，截止后仍开放提交" : "");
    if (kp_audit(kp_store_db(r->store), r->user.name, r->addr, "deadline", detail, &e))
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
    return deadline_page(r, 200, NULL, "截止日期已保存");
}

int kp_page_audit(kp_req *r, const char *arg)
{
    (void)arg;
    const char *p = kp_req_query(r, "page");
    long page = p ? strtol(p, NULL, 10) : 1;
    if (page < 1 || page > 1000000)
        page = 1;
    json_t *entries;
    kp_err e;
    if (kp_audit_list(kp_store_db(r->store), AUDIT_PER_PAGE, (page - 1) * AUDIT_PER_PAGE,
                      &entries, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        return kp_respond_error(r, 500, "服务器内部错误");
    }
    json_t *d = kp_page_data(r, "审计日志");
    if (json_array_size(entries) == AUDIT_PER_PAGE)
        json_object_set_new(d, "next", json_integer(page + 1));
    if (page > 1)
        json_object_set_new(d, "prev", json_integer(page - 1));
    json_object_set_new(d, "entries", entries);
    return kp_respond_page(r, 200, "audit", d);
}
