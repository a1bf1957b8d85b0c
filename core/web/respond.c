/* respond.c — building responses and reading requests (see http.h). */
#include "web/http.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *kp_req_query(const kp_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *kp_req_form(const kp_req *r, const char *name)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (!strcmp(r->fields[i].name, name))
            return r->fields[i].value;
    return NULL;
}

const char *kp_req_header(const kp_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int kp_req_is_api(const kp_req *r)
{
    return !strncmp(r->url, "/api/", 5);
}

int kp_req_year(const kp_req *r)
{
    const char *y = kp_req_query(r, "year");
    if (!y)
        y = kp_req_form(r, "year");
    char *end;
    long v = y ? strtol(y, &end, 10) : 0;
    if (!y || *end || v < 1900 || v > 2999)
        return r->web->default_year;
    return (int)v;
}

json_t *kp_page_data(const kp_req *r, const char *title)
{
    json_t *d = json_pack("{s:s, s:i, s:b}", "title", title, "year", kp_req_year(r), "logged_in",
                          r->logged_in);
    if (r->logged_in) {
        json_object_set_new(d, "csrf", json_string(r->csrf));
        json_object_set_new(d, "user", json_pack("{s:s, s:s, s:s, s:s}", "name", r->user.name,
                                                 "role", r->user.role, "unit", r->user.unit,
                                                 "unit_name", r->user.unit_name));
        char key[32];
        snprintf(key, sizeof key, "is_%s", r->user.role);
        json_object_set_new(d, key, json_true());
        if (strcmp(r->user.role, "county"))
            json_object_set_new(d, "is_city", json_true());
    }
    return d;
}

int kp_respond_bytes(kp_req *r, const char *type, const void *p, size_t n)
{
    kp_buf_clear(&r->body);
    r->content_type = type;
    if (kp_buf_append(&r->body, p, n)) {
        kp_buf_clear(&r->body);
        r->status = 500;
        return 0;
    }
    r->status = r->status ? r->status : 200;
    return 0;
}

static void plain_error(kp_req *r, const char *message)
{
    kp_buf_clear(&r->body);
    r->status = 500;
    r->content_type = "text/plain; charset=utf-8";
    kp_buf_puts(&r->body, message);
}

int kp_respond_page(kp_req *r, unsigned status, const char *tpl, json_t *data)
{
    kp_err e;
    kp_buf_clear(&r->body);
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    if (!data || kp_tpl_render(r->web->tpl, tpl, data, &r->body, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", data ? e.msg : "out of memory");
        plain_error(r, "页面无法生成（服务器内部错误）");
    }
    json_decref(data);
    return 0;
}

int kp_respond_json(kp_req *r, unsigned status, json_t *data)
{
    kp_buf_clear(&r->body);
    r->status = status;
    r->content_type = "application/json; charset=utf-8";
    char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
    if (!s || kp_buf_puts(&r->body, s))
        plain_error(r, "{\"error\":\"out of memory\"}");
    free(s);
    json_decref(data);
    return 0;
}

int kp_respond_redirect(kp_req *r, const char *location)
{
    kp_buf_clear(&r->body);
    r->status = 303;
    snprintf(r->location, sizeof r->location, "%s", location);
    return 0;
}

int kp_respond_error(kp_req *r, unsigned status, const char *message)
{
    if (kp_req_is_api(r))
        return kp_respond_json(r, status, json_pack("{s:s}", "error", message));
    json_t *d = kp_page_data(r, "出错了");
    json_object_set_new(d, "message", json_string(message));
    json_object_set_new(d, "status", json_integer(status));
    return kp_respond_page(r, status, "error", d);
}
