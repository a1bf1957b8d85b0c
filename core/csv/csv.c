/*
 * csv.c — RFC 4180 records out of the UTF-8 text that input.c hands on.
 *
 * What is accepted:
 *   - fields separated by commas, records by LF, CRLF or a lone CR (old Mac
 *     Excel), and the last record may lack a line end;
 *   - an empty line is skipped (a line of commas is a record of empty fields);
 *   - a field that starts with a quote runs to the matching quote; inside it
 *     commas and line breaks are data, "" is one quote, and every line break
 *     (CRLF, LF or CR) is kept as "\n";
 *   - a quote inside an unquoted field is data: people who type or fix a
 *     CSV file by hand write 5" for five inches without quoting the field,
 *     and what they mean is plain, so refusing it would only annoy.
 * What is refused, with the line: a quoted field without a closing quote
 * (the line where it began), anything but a comma or line end after a
 * closing quote, a NUL byte, and fields or records past the limits.
 *
 * Fields are copied one after another into one buffer, each followed by a
 * NUL, with their start offsets in `fpos`; that buffer is the only memory
 * that grows, and only with the longest record.
 */
#include "csv/csv.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv/input.h"

#define DEFAULT_MAX_FIELD_BYTES ((size_t)1 << 20)
#define DEFAULT_MAX_FIELDS 1000
#define DEFAULT_CHUNK_BYTES ((size_t)64 * 1024)
/* Reading more at a time gains nothing, and the buffers are sized from it. */
#define MAX_CHUNK_BYTES ((size_t)64 << 20)

struct kp_csv {
    char *name;
    kp_csv_input in;
    kp_csv_limits lim;

    const char *sp, *se; /* the part of the current span not parsed yet */

    char *rec; /* the record's fields, each NUL-terminated */
    size_t rec_len, rec_cap;
    size_t *fpos; /* field i starts at rec + fpos[i]; fpos[nfields] is the end */
    size_t nfields, fpos_cap;

    long line;     /* the physical line of the next byte */
    long rec_line; /* where the current record starts */
    int after_cr;  /* the last byte was a CR ending a line: an LF right after it belongs to it */
    int started, failed;
};

/* Bytes that end a run of plain field text. */
static const unsigned char stops_unquoted[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1};
static const unsigned char stops_quoted[256] = {['"'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1};

void kp_csv_default_limits(kp_csv_limits *lim)
{
    lim->max_field_bytes = DEFAULT_MAX_FIELD_BYTES;
    lim->max_fields = DEFAULT_MAX_FIELDS;
    lim->chunk_bytes = DEFAULT_CHUNK_BYTES;
}

static int new_reader(kp_csv **out, const char *name, kp_err *e)
{
    *out = NULL;
    kp_csv *c = calloc(1, sizeof *c);
    if (!c)
        return kp_fail(e, "%s: out of memory", name);
    c->name = strdup(name);
    if (!c->name) {
        free(c);
        return kp_fail(e, "%s: out of memory", name);
    }
    kp_csv_default_limits(&c->lim);
    c->line = 1;
    *out = c;
    return 0;
}

int kp_csv_open_file(kp_csv **out, const char *path, kp_err *e)
{
    *out = NULL;
    /* O_NONBLOCK: opening a FIFO nobody writes to must not hang kaoping. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return kp_fail_errno(e, "cannot open %s", path);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        kp_fail_errno(e, "cannot read %s", path);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        close(fd);
        return kp_fail(e, "cannot read %s: it is %s, not a file", path,
                       S_ISDIR(st.st_mode) ? "a directory" : "a device or socket");
    }
    /* A pipe named on the command line (TABLE=/dev/stdin) streams; reads
     * wait for the writer again. */
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        kp_fail_errno(e, "cannot read %s", path);
        close(fd);
        return -1;
    }
    kp_csv *c;
    if (new_reader(&c, path, e) < 0) {
        close(fd);
        return -1;
    }
    kp_csv_input_init_fd(&c->in, c->name, fd, S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
    *out = c;
    return 0;
}

int kp_csv_open_memory(kp_csv **out, const char *name, const void *data, size_t len, kp_err *e)
{
    kp_csv *c;
    if (new_reader(&c, name, e) < 0)
        return -1;
    kp_csv_input_init_memory(&c->in, c->name, data, len);
    *out = c;
    return 0;
}

int kp_csv_set_limits(kp_csv *c, const kp_csv_limits *lim, kp_err *e)
{
    if (c->started)
        return kp_fail(e, "%s: the reader's limits can only change before the first record is read", c->name);
    if (lim->chunk_bytes > MAX_CHUNK_BYTES)
        return kp_fail(e, "%s: a chunk of %zu bytes is more than the reader allows (%zu)", c->name,
                       lim->chunk_bytes, MAX_CHUNK_BYTES);
    if (lim->max_field_bytes)
        c->lim.max_field_bytes = lim->max_field_bytes;
    if (lim->max_fields)
        c->lim.max_fields = lim->max_fields;
    if (lim->chunk_bytes)
        c->lim.chunk_bytes = lim->chunk_bytes;
    kp_csv_input_set_chunk(&c->in, c->lim.chunk_bytes);
    return 0;
}

void kp_csv_close(kp_csv *c)
{
    if (!c)
        return;
    kp_csv_input_free(&c->in);
    free(c->rec);
    free(c->fpos);
    free(c->name);
    free(c);
}

size_t kp_csv_nfields(const kp_csv *c) { return c->nfields; }
long kp_csv_line(const kp_csv *c) { return c->rec_line; }
const char *kp_csv_name(const kp_csv *c) { return c->name; }
const char *kp_csv_encoding(const kp_csv *c) { return kp_encoding_name(c->in.enc); }
uint64_t kp_csv_offset(const kp_csv *c) { return c->in.consumed; }
uint64_t kp_csv_size(const kp_csv *c) { return c->in.size; }

const char *kp_csv_field(const kp_csv *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = c->fpos[i + 1] - c->fpos[i] - 1;
    return c->rec + c->fpos[i];
}

/* Every failure goes through here so that the reader refuses to go on. */
static int failed(kp_csv *c)
{
    c->failed = 1;
    return -1;
}

static int begin_field(kp_csv *c, kp_err *e)
{
    if (c->nfields >= c->lim.max_fields)
        return kp_fail(e, "%s:%ld: a record with more than %zu fields", c->name, c->line, c->lim.max_fields);
    if (c->nfields + 2 > c->fpos_cap) {
        size_t cap = c->fpos_cap ? c->fpos_cap * 2 : 32;
        size_t *p = realloc(c->fpos, cap * sizeof *p);
        if (!p)
            return kp_fail(e, "%s:%ld: out of memory", c->name, c->line);
        c->fpos = p;
        c->fpos_cap = cap;
    }
    c->fpos[c->nfields] = c->rec_len;
    return 0;
}

/* Make room for `need` bytes in the record buffer. */
static int grow(kp_csv *c, size_t need, long line, kp_err *e)
{
    size_t cap = c->rec_cap ? c->rec_cap : 256;
    while (cap < need)
        cap *= 2;
    char *r = realloc(c->rec, cap);
    if (!r)
        return kp_fail(e, "%s:%ld: out of memory", c->name, line);
    c->rec = r;
    c->rec_cap = cap;
    return 0;
}

/* Add text to the field being read; field_line is where the field began, for the message. */
static inline int append(kp_csv *c, const char *p, size_t n, long field_line, int quoted, kp_err *e)
{
    size_t have = c->rec_len - c->fpos[c->nfields];
    if (n > c->lim.max_field_bytes - have) {
        if (quoted)
            return kp_fail(e, "%s:%ld: a quoted field starting on this line is longer than %zu bytes; "
                              "is its closing quote missing?", c->name, field_line, c->lim.max_field_bytes);
        return kp_fail(e, "%s:%ld: a field longer than %zu bytes", c->name, field_line, c->lim.max_field_bytes);
    }
    /* +1 keeps room for the NUL that ends the field. */
    if (c->rec_len + n + 1 > c->rec_cap && grow(c, c->rec_len + n + 1, field_line, e) < 0)
        return -1;
    memcpy(c->rec + c->rec_len, p, n);
    c->rec_len += n;
    return 0;
}

static int end_field(kp_csv *c, kp_err *e)
{
    /* A byte order mark inside a field is invisible in every editor and
     * would be stored as part of a name or a key that then never matches. */
    size_t start = c->fpos[c->nfields];
    if (c->rec_len - start >= 3 && memmem(c->rec + start, c->rec_len - start, "\xEF\xBB\xBF", 3))
        return kp_fail(e, "%s:%ld: field %zu holds an invisible byte order mark (U+FEFF); "
                          "remove it and save the file again",
                       c->name, c->line, c->nfields + 1);
    /* Only an empty field can find the buffer without room for its NUL. */
    if (c->rec_len + 1 > c->rec_cap && grow(c, c->rec_len + 1, c->line, e) < 0)
        return -1;
    c->rec[c->rec_len++] = '\0';
    c->nfields++;
    c->fpos[c->nfields] = c->rec_len;
    return 0;
}

static void newline(kp_csv *c, unsigned char ch)
{
    c->line++;
    c->after_cr = ch == '\r';
}

enum state { AT_RECORD, AT_FIELD, UNQUOTED, QUOTED, AFTER_QUOTE };

static int at_end_of_file(kp_csv *c, enum state st, long quote_line, kp_err *e)
{
    switch (st) {
    case AT_RECORD:
        return 0;
    case QUOTED:
        kp_fail(e, "%s:%ld: a quoted field starts on this line but its closing quote is missing",
                c->name, quote_line);
        return failed(c);
    case AT_FIELD: /* after a final comma: one more, empty, field */
        if (begin_field(c, e) < 0)
            return failed(c);
        break;
    case UNQUOTED:
    case AFTER_QUOTE:
        break;
    }
    if (end_field(c, e) < 0)
        return failed(c);
    return 1;
}

int kp_csv_next(kp_csv *c, kp_err *e)
{
    if (c->failed)
        return kp_fail(e, "%s: the reader cannot go on after an error", c->name);
    c->started = 1;
    c->rec_len = 0;
    c->nfields = 0;
    enum state st = AT_RECORD;
    long quote_line = 0;
    for (;;) {
        if (c->sp == c->se) {
            const char *p;
            size_t n;
            int r = kp_csv_input_next(&c->in, c->line, &p, &n, e);
            if (r < 0)
                return failed(c);
            if (r == 0)
                return at_end_of_file(c, st, quote_line, e);
            c->sp = p;
            c->se = p + n;
        }
        if (c->after_cr) {
            c->after_cr = 0;
            if (*c->sp == '\n') {
                c->sp++;
                continue;
            }
        }
        unsigned char ch = (unsigned char)*c->sp;
        switch (st) {
        case AT_RECORD:
            if (ch == '\n' || ch == '\r') {
                c->sp++;
                newline(c, ch);
                continue;
            }
            c->rec_line = c->line;
            /* fall through */
        case AT_FIELD:
            if (begin_field(c, e) < 0)
                return failed(c);
            if (ch == '"') {
                c->sp++;
                quote_line = c->line;
                st = QUOTED;
                continue;
            }
            st = UNQUOTED;
            /* fall through */
        case UNQUOTED: {
            const char *p = c->sp;
            while (p < c->se && !stops_unquoted[(unsigned char)*p])
                p++;
            if (append(c, c->sp, (size_t)(p - c->sp), c->line, 0, e) < 0)
                return failed(c);
            c->sp = p;
            if (p == c->se)
                continue;
            ch = (unsigned char)*c->sp++;
            if (ch == ',') {
                if (end_field(c, e) < 0)
                    return failed(c);
                st = AT_FIELD;
                continue;
            }
            if (ch == '\0')
                break;
            newline(c, ch);
            return end_field(c, e) < 0 ? failed(c) : 1;
        }
        case QUOTED: {
            const char *p = c->sp;
            while (p < c->se && !stops_quoted[(unsigned char)*p])
                p++;
            if (append(c, c->sp, (size_t)(p - c->sp), quote_line, 1, e) < 0)
                return failed(c);
            c->sp = p;
            if (p == c->se)
                continue;
            ch = (unsigned char)*c->sp++;
            if (ch == '"') {
                st = AFTER_QUOTE;
                continue;
            }
            if (ch == '\0')
                break;
            newline(c, ch);
            if (append(c, "\n", 1, quote_line, 1, e) < 0)
                return failed(c);
            continue;
        }
        case AFTER_QUOTE:
            c->sp++;
            if (ch == '"') {
                if (append(c, "\"", 1, quote_line, 1, e) < 0)
                    return failed(c);
                st = QUOTED;
                continue;
            }
            if (ch == ',') {
                if (end_field(c, e) < 0)
                    return failed(c);
                st = AT_FIELD;
                continue;
            }
            if (ch == '\n' || ch == '\r') {
                newline(c, ch);
                return end_field(c, e) < 0 ? failed(c) : 1;
            }
            kp_fail(e, "%s:%ld: text after the closing quote of a quoted field; "
                       "a quote inside a quoted field must be doubled (\"\")", c->name, c->line);
            return failed(c);
        }
        /* Only a NUL byte leaves the switch. */
        kp_fail(e, "%s:%ld: a NUL byte, which CSV text never holds; if the file is UTF-16 or binary, "
                   "save it from Excel as \"CSV UTF-8\" or \"CSV\"", c->name, c->line);
        return failed(c);
    }
}
