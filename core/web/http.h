/*
 * http.h — one request as the pages see it: what was asked, who asks, and
 * the response being built.  server.c fills it; router.c hands it to a page.
 */
#ifndef KP_WEB_HTTP_H
#define KP_WEB_HTTP_H

#include <jansson.h>
#include <limits.h>
#include <stdint.h>

#include "plugin/registry.h"
#include "store/store.h"
#include "util/buf.h"
#include "web/template.h"
#include "web/web.h"

struct MHD_Connection;

/* What the whole server shares (read-only once serving). */
typedef struct kp_web {
    kp_web_config cfg;
    const kp_registry *reg;
    kp_tpl_set *tpl;
    char static_dir[PATH_MAX];
    int tls;
    int default_year;
} kp_web;

typedef struct kp_user {
    long long id;
    char name[64];
    char role[16];   /* admin, staff, assessor, county */
    char unit[64];   /* the county's code, for a county account */
    char unit_name[128];
} kp_user;

struct kp_field {
    char *name, *value;
};

struct kp_upfile {
    char *client_name; /* as the browser sent it (shown escaped, never used as a path) */
    char *path;        /* where it was saved, inside the request's temporary folder */
    uint64_t size;
    int fd;
};

#define KP_REQ_MAX_FIELDS 64
#define KP_REQ_MAX_FILES 32
#define KP_REQ_FIELD_BYTES 4096

typedef struct kp_req {
    const kp_web *web;
    struct MHD_Connection *conn;
    kp_store *store;
    const char *method;
    const char *url;
    char addr[64];

    /* the body */
    struct MHD_PostProcessor *pp;
    struct kp_field fields[KP_REQ_MAX_FIELDS];
    size_t nfields;
    struct kp_upfile files[KP_REQ_MAX_FILES];
    size_t nfiles;
    char tmpdir[PATH_MAX];
    uint64_t body_bytes;
    int too_big, bad_body;

    /* the session, when there is one */
    int logged_in;
    kp_user user;
    char csrf[65];
    char token_hash[65];

    /* the response */
    unsigned status;
    kp_buf body;
    const char *content_type;
    char location[512];
    char cookie[256];
    char disposition[256];
} kp_req;

/* A query-string or form value; NULL when absent. */
const char *kp_req_query(const kp_req *r, const char *name);
const char *kp_req_form(const kp_req *r, const char *name);
const char *kp_req_header(const kp_req *r, const char *name);

/* Responses.  Each returns 0 so that a page can `return kp_respond_...`. */
int kp_respond_page(kp_req *r, unsigned status, const char *tpl, json_t *data);
int kp_respond_json(kp_req *r, unsigned status, json_t *data);
int kp_respond_redirect(kp_req *r, const char *location);
/* An error, as a page or (under /api/) as {"error": message}. */
int kp_respond_error(kp_req *r, unsigned status, const char *message);
int kp_respond_bytes(kp_req *r, const char *type, const void *p, size_t n);

/* Is this an /api/ request? */
int kp_req_is_api(const kp_req *r);

/* The year a page is about: ?year= when valid, else the server's default. */
int kp_req_year(const kp_req *r);

/* The data every page's layout needs (user, csrf token, year); the caller adds to it. */
json_t *kp_page_data(const kp_req *r, const char *title);

#endif
