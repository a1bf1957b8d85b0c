/*
 * router.h — which page answers which request, and who may ask for it.
 * Every route names the roles it admits; a state-changing route also
 * requires the session's CSRF token.  A page only runs after both checks.
 */
#ifndef KP_WEB_ROUTER_H
#define KP_WEB_ROUTER_H

#include "web/http.h"

void kp_route(kp_req *r);

/*
 * The county a request is about: a county account's own (naming another by
 * any parameter is refused with 403), for a city account the `unit` query or
 * form parameter, which must be a county (404 otherwise).  Returns -1 after
 * responding when there is none the request may see.
 */
int kp_target_county(kp_req *r, char *code, size_t n, char *name, size_t nn);
/* The name of county `code`: 1 found, 0 no such county, -1 error. */
int kp_county_name(kp_req *r, const char *code, char *name, size_t nn);

/* The pages, one file per group (pages_*.c, api.c). */
int kp_page_home(kp_req *r, const char *arg);
int kp_page_login_form(kp_req *r, const char *arg);
int kp_page_login(kp_req *r, const char *arg);
int kp_page_logout(kp_req *r, const char *arg);
int kp_page_static(kp_req *r, const char *arg);
int kp_page_county(kp_req *r, const char *arg);
int kp_page_form_csv(kp_req *r, const char *arg);
int kp_page_upload(kp_req *r, const char *arg);
int kp_page_history(kp_req *r, const char *arg);
int kp_page_undo(kp_req *r, const char *arg);
int kp_page_rows(kp_req *r, const char *arg);
int kp_page_city(kp_req *r, const char *arg);
int kp_page_users(kp_req *r, const char *arg);
int kp_page_user_add(kp_req *r, const char *arg);
int kp_page_user_passwd(kp_req *r, const char *arg);
int kp_page_user_disable(kp_req *r, const char *arg);
int kp_page_deadline(kp_req *r, const char *arg);
int kp_page_deadline_set(kp_req *r, const char *arg);
int kp_page_audit(kp_req *r, const char *arg);
int kp_api_login(kp_req *r, const char *arg);
int kp_api_logout(kp_req *r, const char *arg);
int kp_api_status(kp_req *r, const char *arg);
int kp_api_upload(kp_req *r, const char *arg);
int kp_api_imports(kp_req *r, const char *arg);
int kp_api_undo(kp_req *r, const char *arg);

#endif
