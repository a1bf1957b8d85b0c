/*
 * pages_city.c — the city office's view: every county against every table
 * for the year (rows, last upload and by whom, what is missing), and what
 * each county still owes.  The matrix is the same for every reader until
 * the data changes, so its rendering is cached by data version; the page
 * around it (who is logged in, the CSRF token) is rendered per request.
 * While one request renders a new version, others are shown the previous
 * one rather than all rendering the same thing at once: during a deadline
 * rush a reader may see the matrix as it was a moment ago, never a wrong one.
 */
#include <pthread.h>
#include <stdio.h>

#include "web/cache.h"
#include "web/router.h"
#include "web/status.h"

static int render_matrix(kp_req *r, int year, kp_buf *out, kp_err *e)
{
    json_t *m;
    if (kp_status_matrix(kp_store_db(r->store), r->web->reg, year, &m, e))
        return -1;
    int rc = kp_tpl_render(r->web->tpl, "city_matrix", m, out, e);
    json_decref(m);
    return rc;
}

static pthread_mutex_t rendering = PTHREAD_MUTEX_INITIALIZER;

static int render_and_keep(kp_req *r, int year, const char *key, kp_buf *out, kp_err *e)
{
    size_t start = out->len;
    int rc = render_matrix(r, year, out, e);
    if (rc == 0)
        kp_cache_put(key, out->data + start, out->len - start);
    pthread_mutex_unlock(&rendering);
    return rc;
}

/* The matrix for `year`, from the cache or rendered now. */
static int matrix(kp_req *r, int year, kp_buf *out, kp_err *e)
{
    char version[96], key[160], prefix[32];
    if (kp_data_version(kp_store_db(r->store), version, sizeof version, e))
        return -1;
    snprintf(prefix, sizeof prefix, "city:%d:", year);
    snprintf(key, sizeof key, "%s%s", prefix, version);
    int found = kp_cache_get(key, out);
    if (!found && pthread_mutex_trylock(&rendering) != 0)
        found = kp_cache_get_latest(prefix, out); /* someone is rendering the new one */
    else if (!found)
        return render_and_keep(r, year, key, out, e);
    if (!found) {
        pthread_mutex_lock(&rendering);
        return render_and_keep(r, year, key, out, e);
    }
    return found < 0 ? kp_fail(e, "out of memory") : 0;
}

int kp_page_city(kp_req *r, const char *arg)
{
    (void)arg;
    json_t *deadline;
    kp_err e;
    int year = kp_req_year(r);
    if (kp_deadline_get(kp_store_db(r->store), year, &deadline, &e))
        goto fail;
    json_t *d = kp_page_data(r, "各县提交情况");
    json_object_set_new(d, "deadline", deadline);
    kp_buf_clear(&r->body);
    int rc = kp_tpl_render(r->web->tpl, "city", d, &r->body, &e) || matrix(r, year, &r->body, &e) ||
             kp_tpl_render(r->web->tpl, "footer", d, &r->body, &e);
    json_decref(d);
    if (rc)
        goto fail;
    r->status = 200;
    r->content_type = "text/html; charset=utf-8";
    return 0;
fail:
    fprintf(stderr, "kaoping serve: %s\n", e.msg);
    return kp_respond_error(r, 500, "服务器内部错误");
}
