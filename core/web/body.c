/* body.c — reading request bodies (see body.h). */
#include "web/body.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/outfile.h"

#define JSON_BODY_MAX (64 * 1024)

/* The last path component, without anything that could lead out of the folder. */
static const char *safe_name(const char *client)
{
    const char *base = client;
    for (const char *p = client; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    /* The rules of every name kaoping writes (util/outfile.h). */
    return kp_out_name_ok(base) ? base : "未命名.csv";
}

static int make_tmpdir(kp_req *r)
{
    if (r->tmpdir[0])
        return 0;
    const char *t = getenv("TMPDIR");
    snprintf(r->tmpdir, sizeof r->tmpdir, "%s/kaoping-upload-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(r->tmpdir)) {
        r->tmpdir[0] = '\0';
        return -1;
    }
    return 0;
}

static int new_file(kp_req *r, const char *client)
{
    if (r->nfiles == KP_REQ_MAX_FILES || make_tmpdir(r))
        return -1;
    size_t i = r->nfiles;
    char dir[PATH_MAX + 16], path[PATH_MAX + 256];
    snprintf(dir, sizeof dir, "%s/%zu", r->tmpdir, i);
    if (mkdir(dir, 0700) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s", dir, safe_name(client));
    struct kp_upfile *f = &r->files[i];
    f->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    f->client_name = strdup(client);
    f->path = strdup(path);
    f->size = 0;
    r->nfiles++; /* counted even when half made, so that kp_body_free cleans it */
    return f->fd < 0 || !f->client_name || !f->path ? -1 : 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int add_field(kp_req *r, const char *key, const char *data, size_t off, size_t size)
{
    struct kp_field *f = r->nfields ? &r->fields[r->nfields - 1] : NULL;
    if (off == 0 || !f || strcmp(f->name, key)) {
        if (r->nfields == KP_REQ_MAX_FIELDS)
            return -1;
        f = &r->fields[r->nfields++];
        f->name = strdup(key);
        f->value = calloc(1, 1);
        if (!f->name || !f->value)
            return -1;
    }
    size_t have = strlen(f->value);
    if (have + size > KP_REQ_FIELD_BYTES)
        return -1;
    char *v = realloc(f->value, have + size + 1);
    if (!v)
        return -1;
    memcpy(v + have, data, size);
    v[have + size] = '\0';
    f->value = v;
    return 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    kp_req *r = cls;
    if (!key)
        return MHD_YES;
    if (!filename)
        return add_field(r, key, data, (size_t)off, size) ? (r->bad_body = 1, MHD_NO) : MHD_YES;
    if (off == 0 && new_file(r, filename))
        return r->bad_body = 1, MHD_NO;
    struct kp_upfile *f = &r->files[r->nfiles - 1];
    if (size && write_all(f->fd, data, size))
        return r->bad_body = 1, MHD_NO;
    f->size += size;
    return MHD_YES;
}

static int is_json(const kp_req *r)
{
    const char *t = kp_req_header(r, "Content-Type");
    return t && !strncasecmp(t, "application/json", 16);
}

int kp_body_begin(kp_req *r)
{
    if (is_json(r)) {
        kp_buf_init(&r->body, JSON_BODY_MAX); /* the raw JSON, until kp_body_end */
        return 0;
    }
    r->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, r);
    return r->pp ? 0 : -1;
}

void kp_body_feed(kp_req *r, const char *data, size_t n)
{
    if (r->bad_body)
        return;
    if (r->pp) {
        if (MHD_post_process(r->pp, data, n) != MHD_YES)
            r->bad_body = 1;
    } else if (kp_buf_append(&r->body, data, n)) {
        r->bad_body = 1;
    }
}

/* A flat JSON object of strings becomes form fields. */
static void json_fields(kp_req *r)
{
    json_error_t err;
    json_t *o = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &err);
    const char *k;
    json_t *v;
    if (!json_is_object(o))
        r->bad_body = 1;
    else
        json_object_foreach(o, k, v) {
            const char *s = json_string_value(v);
            if (!s || add_field(r, k, s, 0, strlen(s))) {
                r->bad_body = 1;
                break;
            }
        }
    json_decref(o);
    kp_buf_free(&r->body);
}

void kp_body_end(kp_req *r)
{
    if (r->pp) {
        if (MHD_destroy_post_processor(r->pp) != MHD_YES)
            r->bad_body = 1; /* the multipart body ended before its last boundary */
        r->pp = NULL;
    } else if (!r->bad_body && is_json(r)) {
        json_fields(r);
    }
    for (size_t i = 0; i < r->nfiles; i++)
        if (r->files[i].fd >= 0) {
            if (close(r->files[i].fd) != 0)
                r->bad_body = 1;
            r->files[i].fd = -1;
        }
}

void kp_body_free(kp_req *r)
{
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    r->pp = NULL;
    for (size_t i = 0; i < r->nfields; i++) {
        free(r->fields[i].name);
        free(r->fields[i].value);
    }
    r->nfields = 0;
    for (size_t i = 0; i < r->nfiles; i++) {
        struct kp_upfile *f = &r->files[i];
        if (f->fd >= 0)
            close(f->fd);
        if (f->path) {
            unlink(f->path);
            char *slash = strrchr(f->path, '/');
            *slash = '\0';
            rmdir(f->path);
        }
        free(f->path);
        free(f->client_name);
    }
    r->nfiles = 0;
    if (r->tmpdir[0])
        rmdir(r->tmpdir);
    r->tmpdir[0] = '\0';
}
