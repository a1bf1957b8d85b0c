/*
 * server.c — the HTTP server: starting libmicrohttpd with limits that keep
 * one client from holding the others up, one request's life from first
 * byte to cleanup, and turning a built response into bytes.
 */
#include "web/web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/paths.h"
#include "web/body.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/pool.h"
#include "web/router.h"
#include "web/session.h"
#include "web/status.h"

struct conn_state {
    kp_req req;
    struct timespec started;
    int began;   /* the body reader has been set up */
    int handled; /* the response is ready (an upload done by the writer) */
    struct conn_state *next;
};

/*
 * Everything a connection callback needs, reached through the daemon's
 * closure.  Uploads are imported by one writer thread, in arrival order:
 * SQLite takes one writer at a time anyway, and a worker that waited for
 * the write lock would hold up every page of the connections it serves.
 * The upload's connection is suspended meanwhile and resumed when its
 * response is ready.
 */
struct server {
    kp_web web;
    kp_pool *pool;
    pthread_t writer;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct conn_state *head, *tail;
    int stopping, writer_running;
};

void kp_web_config_defaults(kp_web_config *c)
{
    memset(c, 0, sizeof *c);
    c->listen = "127.0.0.1:8080";
    c->threads = 4;
    c->max_connections = 512;
    c->max_per_ip = 200;
    c->timeout_s = 30;
    c->max_upload = 50u * 1000 * 1000;
    c->session_idle_s = 30 * 60;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void client_addr(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "?");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

static void add_headers(struct MHD_Response *resp, const kp_req *r)
{
    MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type
                                                                   : "text/html; charset=utf-8");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
    if (strncmp(r->url, "/static/", 8))
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->location[0])
        MHD_add_response_header(resp, "Location", r->location);
    if (r->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->cookie);
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
}

static enum MHD_Result send_response(kp_req *r)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->body.len, r->body.data, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    add_headers(resp, r);
    enum MHD_Result rc = MHD_queue_response(r->conn, r->status ? r->status : 500, resp);
    MHD_destroy_response(resp);
    return rc;
}

static void handle(struct server *sv, kp_req *r)
{
    kp_err e;
    kp_buf_free(&r->body);
    kp_buf_init(&r->body, 0);
    if (!(r->store = kp_pool_take(sv->pool, &e))) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        kp_respond_error(r, 503, "数据库暂时无法打开，请稍后再试");
        return;
    }
    if (r->too_big) {
        kp_respond_error(r, 413, "上传内容超过大小上限");
        return;
    }
    if (r->bad_body) {
        kp_respond_error(r, 400, "请求内容不完整或格式有误");
        return;
    }
    if (kp_session_load(r, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        kp_respond_error(r, 500, "服务器内部错误");
        return;
    }
    kp_route(r);
}

static void enqueue(struct server *sv, struct conn_state *cs)
{
    pthread_mutex_lock(&sv->lock);
    cs->next = NULL;
    if (sv->tail)
        sv->tail->next = cs;
    else
        sv->head = cs;
    sv->tail = cs;
    pthread_cond_signal(&sv->wake);
    pthread_mutex_unlock(&sv->lock);
}

/* The writer: one upload at a time; on stop, the queue is finished first. */
static void *writer_main(void *arg)
{
    struct server *sv = arg;
    for (;;) {
        pthread_mutex_lock(&sv->lock);
        while (!sv->head && !sv->stopping)
            pthread_cond_wait(&sv->wake, &sv->lock);
        struct conn_state *cs = sv->head;
        if (cs && !(sv->head = cs->next))
            sv->tail = NULL;
        pthread_mutex_unlock(&sv->lock);
        if (!cs)
            return NULL;
        handle(sv, &cs->req);
        kp_body_free(&cs->req);
        cs->handled = 1;
        MHD_resume_connection(cs->req.conn);
    }
}

static int body_expected(const char *method)
{
    return !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "PATCH");
}

/* A declared body over the cap is refused before a byte of it is read. */
static int declared_too_big(const kp_req *r)
{
    const char *cl = kp_req_header(r, "Content-Length");
    return cl && strtoull(cl, NULL, 10) > r->web->cfg.max_upload;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *sv = cls;
    struct conn_state *cs = *con_cls;
    if (!cs) {
        if (!(cs = calloc(1, sizeof *cs)))
            return MHD_NO;
        *con_cls = cs;
        clock_gettime(CLOCK_MONOTONIC, &cs->started);
        kp_req *r = &cs->req;
        r->web = &sv->web;
        r->conn = conn;
        r->url = url;
        r->method = method;
        for (size_t i = 0; i < KP_REQ_MAX_FILES; i++)
            r->files[i].fd = -1;
        client_addr(conn, r->addr, sizeof r->addr);
        kp_buf_init(&r->body, 0);
        if (body_expected(method) && declared_too_big(r)) {
            r->too_big = 1;
            handle(sv, r);
            return send_response(r);
        }
        return MHD_YES;
    }
    kp_req *r = &cs->req;
    if (*upload_size) {
        /* A client that trickles its body is cut off once the whole request
         * has taken longer than a generous multiple of the idle timeout. */
        if (seconds_since(&cs->started) > 4.0 * sv->web.cfg.timeout_s)
            return MHD_NO;
        if (!cs->began) {
            cs->began = 1;
            if (kp_body_begin(r))
                r->bad_body = 1;
        }
        r->body_bytes += *upload_size;
        if (r->body_bytes > sv->web.cfg.max_upload)
            r->too_big = 1;
        if (!r->too_big)
            kp_body_feed(r, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (cs->handled)
        return send_response(r);
    if (cs->began) {
        kp_body_end(r);
        cs->began = 0;
    }
    if (r->nfiles && !r->too_big && !r->bad_body && sv->writer_running) {
        MHD_suspend_connection(conn);
        enqueue(sv, cs);
        return MHD_YES;
    }
    handle(sv, r);
    /* The uploaded files are gone before the client hears the outcome. */
    kp_body_free(r);
    return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn, (void)toe;
    struct server *sv = cls;
    struct conn_state *cs = *con_cls;
    if (!cs)
        return;
    kp_body_free(&cs->req);
    kp_buf_free(&cs->req.body);
    kp_pool_give(sv->pool, cs->req.store);
    free(cs);
    *con_cls = NULL;
}

static int parse_listen(const char *s, struct sockaddr_in *sa, kp_err *e)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    const char *colon = strrchr(s, ':');
    char host[64];
    if (!colon || (size_t)(colon - s) >= sizeof host)
        return kp_fail(e, "--listen %s: expected ADDR:PORT, such as 127.0.0.1:8080", s);
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return kp_fail(e, "--listen %s: expected an IPv4 address and a port, such as 127.0.0.1:8080", s);
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

static char *slurp(const char *path, kp_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        kp_fail_errno(e, "%s", path);
        return NULL;
    }
    kp_buf b;
    kp_buf_init(&b, 1u << 20);
    char chunk[4096];
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bad = kp_buf_append(&b, chunk, n);
    bad |= ferror(f);
    fclose(f);
    if (bad || !b.data) {
        kp_buf_free(&b);
        kp_fail(e, "%s: unreadable or larger than 1 MiB", path);
        return NULL;
    }
    return kp_buf_steal(&b);
}

static struct MHD_Daemon *start(struct server *sv, const struct sockaddr_in *sa, char *cert,
                                char *key)
{
    const kp_web_config *c = &sv->web.cfg;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (cert)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls[] = {
        {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
        {cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key},
        {MHD_OPTION_END, 0, NULL}};
    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, sv,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
        MHD_OPTION_THREAD_POOL_SIZE, c->threads,
        MHD_OPTION_CONNECTION_LIMIT, c->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, c->max_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
}

static int load_web(struct server *sv, const kp_web_config *c, const kp_registry *reg, kp_err *e)
{
    sv->web.cfg = *c;
    sv->web.reg = reg;
    sv->web.tls = c->tls_cert != NULL;
    char dir[PATH_MAX], tpl[PATH_MAX + 16];
    if (c->web_dir)
        snprintf(dir, sizeof dir, "%s", c->web_dir);
    else
        kp_data_path(dir, sizeof dir, "web");
    snprintf(tpl, sizeof tpl, "%s/templates", dir);
    snprintf(sv->web.static_dir, sizeof sv->web.static_dir, "%s/static", dir);
    if (kp_tpl_open(&sv->web.tpl, tpl, e))
        return -1;
    return kp_pool_open(&sv->pool, c->db_path, reg, e);
}

static int default_year(struct server *sv, kp_err *e)
{
    kp_store *s = kp_pool_take(sv->pool, e);
    if (!s)
        return -1;
    int rc = kp_web_default_year_db(kp_store_db(s), sv->web.cfg.year, &sv->web.default_year, e);
    kp_pool_give(sv->pool, s);
    return rc;
}

static void stop_writer(struct server *sv)
{
    pthread_mutex_lock(&sv->lock);
    sv->stopping = 1;
    pthread_cond_signal(&sv->wake);
    pthread_mutex_unlock(&sv->lock);
    pthread_join(sv->writer, NULL);
    sv->writer_running = 0;
}

static int run_daemon(struct server *sv, const struct sockaddr_in *sa, kp_err *e)
{
    const kp_web_config *c = &sv->web.cfg;
    char *cert = NULL, *key = NULL;
    int rc = -1;
    if (c->tls_cert && (!(cert = slurp(c->tls_cert, e)) || !(key = slurp(c->tls_key, e))))
        goto out;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* the workers inherit it; only sigwait sees them */
    signal(SIGPIPE, SIG_IGN);
    if (pthread_create(&sv->writer, NULL, writer_main, sv) != 0) {
        kp_fail(e, "cannot start the upload thread");
        goto out;
    }
    sv->writer_running = 1;
    struct MHD_Daemon *d = start(sv, sa, cert, key);
    if (!d) {
        stop_writer(sv);
        kp_fail(e, "cannot listen on %s (in use, or not an address of this machine?)", c->listen);
        goto out;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char url[128];
    char host[64];
    inet_ntop(AF_INET, &sa->sin_addr, host, sizeof host);
    snprintf(url, sizeof url, "%s://%s:%u/", cert ? "https" : "http", host,
             di ? (unsigned)di->port : (unsigned)ntohs(sa->sin_port));
    if (c->ready)
        c->ready(c->ready_ud, url);
    int sig;
    sigwait(&set, &sig);
    stop_writer(sv);
    MHD_stop_daemon(d);
    rc = 0;
out:
    free(cert);
    free(key);
    return rc;
}

int kp_web_serve(const kp_web_config *c, const kp_registry *reg, kp_err *e)
{
    struct sockaddr_in sa;
    if (parse_listen(c->listen, &sa, e))
        return -1;
    if ((c->tls_cert == NULL) != (c->tls_key == NULL))
        return kp_fail(e, "--tls-cert and --tls-key go together");
    if (c->tls_cert && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return kp_fail(e, "this libmicrohttpd was built without TLS");
    struct server *sv = calloc(1, sizeof *sv);
    if (!sv)
        return kp_fail(e, "out of memory");
    pthread_mutex_init(&sv->lock, NULL);
    pthread_cond_init(&sv->wake, NULL);
    int rc = load_web(sv, c, reg, e);
    if (rc == 0)
        rc = default_year(sv, e);
    if (rc == 0)
        rc = run_daemon(sv, &sa, e);
    kp_pool_close(sv->pool);
    kp_tpl_close(sv->web.tpl);
    kp_cache_clear();
    pthread_cond_destroy(&sv->wake);
    pthread_mutex_destroy(&sv->lock);
    free(sv);
    return rc;
}
