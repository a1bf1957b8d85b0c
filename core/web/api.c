/*
 * api.c — the JSON API (docs/api.md): the same sessions, roles, CSRF rule
 * and data as the pages, for scripts and the county offices' own tools.
 */
#include <string.h>

#include "web/router.h"
#include "web/status.h"
#include "web/undo.h"
#include "web/upload.h"
#include "web/views.h"

int kp_api_status(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (strcmp(r->user.role, "county") && !kp_req_query(r, "unit")) {
        json_t *m;
        kp_err e;
        if (kp_status_matrix(kp_store_db(r->store), r->web->reg, kp_req_year(r), &m, &e))
            return kp_respond_error(r, 500, "服务器内部错误");
        return kp_respond_json(r, 200, m);
    }
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    json_t *v = kp_view_county(r, unit, name);
    return v ? kp_respond_json(r, 200, v) : kp_respond_error(r, 500, "服务器内部错误");
}

int kp_api_upload(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    json_t *result;
    unsigned status = kp_upload_run(r, unit, &result);
    return kp_respond_json(r, status, result);
}

int kp_api_imports(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    json_t *h = kp_view_history(r, unit);
    if (!h)
        return kp_respond_error(r, 500, "服务器内部错误");
    return kp_respond_json(r, 200, json_pack("{s:s, s:o}", "unit", unit, "imports", h));
}

int kp_api_undo(kp_req *r, const char *arg)
{
    long id = kp_undo_id(arg);
    if (!id)
        return kp_respond_error(r, 404, "没有这次提交");
    json_t *result;
    unsigned status = kp_undo_run(r, id, &result);
    return kp_respond_json(r, status, result);
}
