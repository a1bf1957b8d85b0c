/*
 * undo.h — undoing a submission from the web: the import layer's undo
 * (import/undo.h) behind the web's rules.  A county undoes only its own
 * submissions and only while the year is open; city staff and the
 * administrator undo on a county's behalf.  Every attempt is audited.
 */
#ifndef KP_WEB_UNDO_H
#define KP_WEB_UNDO_H

#include <jansson.h>

#include "web/http.h"

/*
 * Undo submission `id`.  Returns the HTTP status (200 undone, 404 no such
 * submission or another county's, 403 past the deadline, 409 the import
 * layer refused, 500/503) and in *out {ok, import_id, unit, rows, message}.
 */
unsigned kp_undo_run(kp_req *r, long id, json_t **out);

/* The id in "/undo/ID" or "/api/imports/ID/undo"; 0 when it is not one. */
long kp_undo_id(const char *arg);

#endif
