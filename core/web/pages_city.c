/*
 * pages_city.c — the city office's view: every county against every table
 * for the year (rows, last upload and by whom, what is missing), and what
 * each county still owes.
 */
#include <stdio.h>

#include "web/router.h"
#include "web/status.h"

int kp_page_city(kp_req *r, const char *arg)
{
    (void)arg;
    json_t *m, *deadline;
    kp_err e;
    sqlite3 *db = kp_store_db(r->store);
    if (kp_status_matrix(db, r->web->reg, kp_req_year(r), &m, &e))
        goto fail;
    if (kp_deadline_get(db, kp_req_year(r), &deadline, &e)) {
        json_decref(m);
        goto fail;
    }
    json_t *d = kp_page_data(r, "各县提交情况");
    json_object_update(d, m);
    json_decref(m);
    json_object_set_new(d, "deadline", deadline);
    return kp_respond_page(r, 200, "city", d);
fail:
    fprintf(stderr, "kaoping serve: %s\n", e.msg);
    return kp_respond_error(r, 500, "服务器内部错误");
}
