/*
 * web.h — the web workspace: county staff submit their tables and the city
 * office follows who has sent what, from a browser.
 *
 * kp_web_serve() runs one HTTP server (libmicrohttpd, a pool of worker
 * threads, each with its own connection to the store) until SIGINT or
 * SIGTERM.  Pages are rendered on the server from the templates in web/;
 * every page's data is also available as JSON under /api.
 */
#ifndef KP_WEB_WEB_H
#define KP_WEB_WEB_H

#include <stdint.h>

#include "plugin/registry.h"
#include "util/err.h"

typedef struct kp_web_config {
    const char *db_path;
    const char *listen;      /* "ADDR:PORT"; default 127.0.0.1:8080 */
    const char *tls_cert;    /* PEM files; both or neither */
    const char *tls_key;
    const char *web_dir;     /* templates and static files; default the data dir's web/ */
    int year;                /* the year shown when a page names none; 0: latest deadline or this year */
    unsigned threads;        /* worker threads (default 4) */
    unsigned max_connections;
    unsigned max_per_ip;
    unsigned timeout_s;      /* an idle or slow connection is cut after this */
    uint64_t max_upload;     /* bytes of one request body (default 50 MB) */
    unsigned session_idle_s; /* a session ends after this long unused */
    void (*ready)(void *ud, const char *url); /* called once listening */
    void *ready_ud;
} kp_web_config;

/* Defaults for every field but db_path. */
void kp_web_config_defaults(kp_web_config *c);

/* Serve until SIGINT/SIGTERM; returns 0 after a clean stop. */
int kp_web_serve(const kp_web_config *c, const kp_registry *reg, kp_err *e);

#endif
