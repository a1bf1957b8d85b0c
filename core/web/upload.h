/*
 * upload.h — a county's files, as received, into the store: the deadline,
 * the county's scope, then kp_import — the same all-or-nothing import as
 * `kaoping import`, in one transaction, so that a refused upload or a server
 * killed halfway stores nothing.  The result is the same for the pages and
 * the API.
 */
#ifndef KP_WEB_UPLOAD_H
#define KP_WEB_UPLOAD_H

#include <jansson.h>

#include "web/http.h"

/*
 * Import the request's files for county `unit`.  Returns the HTTP status
 * (200 stored, 422 problems, 400 no files, 403 past the deadline, 500/503)
 * and in *out {ok, unit, problems: [{file, row, column, value, message}],
 * files: [{file, table, title, rows, added, replaced, unchanged}], import_id, message}.
 */
unsigned kp_upload_run(kp_req *r, const char *unit, json_t **out);

/* May the account still change the year's data?  0, or 403 (past the
 * deadline, for county accounts) or 500 with the reason in msg. */
unsigned kp_upload_open(kp_req *r, char *msg, size_t n);

#endif
