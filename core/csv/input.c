/* input.c — chunked reading, encoding detection and conversion (see input.h). */
#include "csv/input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_CHUNK ((size_t)64 * 1024)
/* Room for the few bytes of a character cut by the end of a read. */
#define TAIL_SLACK 8

static void init_common(kp_csv_input *in, const char *name)
{
    memset(in, 0, sizeof *in);
    in->name = name;
    in->fd = -1;
    in->cd = (iconv_t)-1;
    in->chunk = DEFAULT_CHUNK;
    in->enc = KP_ENC_UNDECIDED;
}

void kp_csv_input_init_fd(kp_csv_input *in, const char *name, int fd, uint64_t size)
{
    init_common(in, name);
    in->fd = fd;
    in->size = size;
}

void kp_csv_input_init_memory(kp_csv_input *in, const char *name, const void *data, size_t len)
{
    init_common(in, name);
    in->mem = data;
    in->mem_len = len;
    in->size = len;
}

void kp_csv_input_set_chunk(kp_csv_input *in, size_t chunk)
{
    if (!in->started && chunk > 0)
        in->chunk = chunk;
}

void kp_csv_input_free(kp_csv_input *in)
{
    if (in->fd >= 0)
        close(in->fd);
    in->fd = -1;
    if (in->cd != (iconv_t)-1)
        iconv_close(in->cd);
    in->cd = (iconv_t)-1;
    free(in->raw);
    free(in->out);
    in->raw = NULL;
    in->out = NULL;
}

/* Append up to `want` bytes from the source to raw[len..]; sets eof when the source is exhausted. */
static int read_some(kp_csv_input *in, size_t want, kp_err *e)
{
    if (in->fd < 0) {
        size_t left = in->mem_len - in->mem_pos;
        size_t k = want < left ? want : left;
        if (k)
            memcpy(in->raw + in->raw_len, in->mem + in->mem_pos, k);
        in->mem_pos += k;
        in->raw_len += k;
        if (in->mem_pos == in->mem_len)
            in->eof = 1;
        return 0;
    }
    for (;;) {
        ssize_t r = read(in->fd, in->raw + in->raw_len, want);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return kp_fail_errno(e, "cannot read %s", in->name);
        if (r == 0)
            in->eof = 1;
        in->raw_len += (size_t)r;
        return 0;
    }
}

/* Move the bytes not yet handed on to the start of the buffer. */
static void compact(kp_csv_input *in)
{
    size_t left = in->raw_len - in->raw_pos;
    if (in->raw_pos && left)
        memmove(in->raw, in->raw + in->raw_pos, left);
    in->raw_len = left;
    in->raw_pos = 0;
}

/* Read the next chunk behind whatever is left (at most a cut character). */
static int refill(kp_csv_input *in, kp_err *e)
{
    compact(in);
    size_t room = in->raw_cap - in->raw_len;
    return read_some(in, in->chunk < room ? in->chunk : room, e);
}

/* Files that are plainly not CSV text get a message that says what they are. */
static int check_signature(kp_csv_input *in, kp_err *e)
{
    const unsigned char *r = in->raw;
    size_t n = in->raw_len;
    if (n >= 3 && r[0] == 0xEF && r[1] == 0xBB && r[2] == 0xBF) {
        /* Some tools add a BOM to a file that has one: all of them go, or
         * the first column's name would start with an invisible character. */
        size_t skip = 3;
        while (n - skip >= 3 && !memcmp(r + skip, "\xEF\xBB\xBF", 3))
            skip += 3;
        in->enc = KP_ENC_UTF8_BOM;
        in->raw_pos = skip;
        in->consumed = skip;
        return 0;
    }
    if (n >= 2 && ((r[0] == 0xFF && r[1] == 0xFE) || (r[0] == 0xFE && r[1] == 0xFF)))
        return kp_fail(e, "%s:1: the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV; "
                          "save it from Excel as \"CSV UTF-8\" or \"CSV\"", in->name);
    if (n >= 4 && memcmp(r, "PK\3\4", 4) == 0)
        return kp_fail(e, "%s:1: the file is an Excel workbook (.xlsx) or another zip archive, not CSV; "
                          "save it from Excel as \"CSV UTF-8\" or \"CSV\"", in->name);
    if (n >= 4 && memcmp(r, "\xD0\xCF\x11\xE0", 4) == 0)
        return kp_fail(e, "%s:1: the file is an old Excel workbook (.xls), not CSV; "
                          "save it from Excel as \"CSV UTF-8\" or \"CSV\"", in->name);
    return 0;
}

static int start(kp_csv_input *in, kp_err *e)
{
    in->started = 1;
    size_t base = in->chunk > KP_CSV_SAMPLE_BYTES ? in->chunk : KP_CSV_SAMPLE_BYTES;
    in->raw_cap = base + TAIL_SLACK;
    in->raw = malloc(in->raw_cap);
    if (!in->raw)
        return kp_fail(e, "%s: out of memory", in->name);
    /* Enough for the signatures even when the chunk is tiny. */
    while (in->raw_len < 4 && !in->eof) {
        if (read_some(in, in->chunk, e) < 0)
            return -1;
    }
    return check_signature(in, e);
}

/* At the first non-ASCII byte: read a sample from it onwards and decide. */
static int decide(kp_csv_input *in, kp_err *e)
{
    compact(in);
    while (in->raw_len < KP_CSV_SAMPLE_BYTES && !in->eof) {
        if (read_some(in, KP_CSV_SAMPLE_BYTES - in->raw_len, e) < 0)
            return -1;
    }
    size_t n = in->raw_len < KP_CSV_SAMPLE_BYTES ? in->raw_len : KP_CSV_SAMPLE_BYTES;
    int complete = in->eof && n == in->raw_len;
    in->enc = kp_detect_encoding(in->raw, n, complete);
    if (in->enc != KP_ENC_GB18030)
        return 0;
    in->cd = iconv_open("UTF-8", "GB18030");
    if (in->cd == (iconv_t)-1)
        return kp_fail_errno(e, "%s: cannot convert from GB18030", in->name);
    /* A GB18030 character becomes at most 4 bytes of UTF-8; the slack makes room for one. */
    in->out_cap = in->chunk + TAIL_SLACK;
    in->out = malloc(in->out_cap);
    if (!in->out)
        return kp_fail(e, "%s: out of memory", in->name);
    return 0;
}

static int bad_bytes(kp_csv_input *in, long line, int at_end, kp_err *e)
{
    /* Show the same bytes however the file happened to be cut into reads. */
    if (in->raw_len - in->raw_pos < 4 && !in->eof) {
        compact(in);
        while (in->raw_len < 4 && !in->eof)
            if (read_some(in, in->raw_cap - in->raw_len, e) < 0)
                return -1;
    }
    char shown[KP_BYTES_TEXT_MAX];
    kp_describe_bytes(in->raw + in->raw_pos, in->raw_len - in->raw_pos, shown);
    const char *where = at_end ? " at the end of the file" : "";
    switch (in->enc) {
    case KP_ENC_GB18030:
        return kp_fail(e, "%s:%ld: invalid GB18030 bytes (%s)%s in a file read as GB18030 (GBK); "
                          "save the file as UTF-8 or GBK", in->name, line, shown, where);
    case KP_ENC_UTF8_BOM:
        return kp_fail(e, "%s:%ld: invalid UTF-8 bytes (%s)%s in a file marked as UTF-8 (it starts "
                          "with a byte order mark); save the file as UTF-8 or GBK", in->name, line, shown, where);
    case KP_ENC_UTF8:
    case KP_ENC_UNDECIDED:
        break;
    }
    return kp_fail(e, "%s:%ld: invalid UTF-8 bytes (%s)%s in a file read as UTF-8; "
                      "save the file as UTF-8 or GBK", in->name, line, shown, where);
}

/* Convert what GB18030 there is into `out`; 1 with a span, 0 when more bytes must be read, -1 on error. */
static int convert_gb18030(kp_csv_input *in, long line, const char **p, size_t *n, kp_err *e)
{
    char *ip = (char *)in->raw + in->raw_pos, *op = in->out;
    size_t il = in->raw_len - in->raw_pos, ol = in->out_cap;
    size_t before = il;
    int err = iconv(in->cd, &ip, &il, &op, &ol) == (size_t)-1 ? errno : 0;
    size_t used = before - il, made = (size_t)(op - in->out);
    in->raw_pos += used;
    in->consumed += used;
    if (made > 0) {
        *p = in->out;
        *n = made;
        return 1;
    }
    if (err == EINVAL && !in->eof)
        return 0;
    if (err == EILSEQ || err == EINVAL)
        return bad_bytes(in, line, err == EINVAL, e);
    return kp_fail(e, "%s:%ld: cannot convert from GB18030: %s", in->name, line, strerror(err));
}

int kp_csv_input_next(kp_csv_input *in, long line, const char **p, size_t *n, kp_err *e)
{
    if (!in->started && start(in, e) < 0)
        return -1;
    for (;;) {
        const unsigned char *r = in->raw + in->raw_pos;
        size_t avail = in->raw_len - in->raw_pos;
        if (avail == 0) {
            if (in->eof)
                return 0;
            if (refill(in, e) < 0)
                return -1;
            continue;
        }
        size_t k = 0;
        if (in->enc == KP_ENC_UNDECIDED) {
            k = kp_ascii_prefix(r, avail < in->chunk ? avail : in->chunk);
            if (k == 0) {
                if (decide(in, e) < 0)
                    return -1;
                continue;
            }
        } else if (in->enc == KP_ENC_GB18030) {
            int got = convert_gb18030(in, line, p, n, e);
            if (got != 0)
                return got;
            if (refill(in, e) < 0)
                return -1;
            continue;
        } else {
            kp_utf8_stop stop;
            k = kp_utf8_prefix(r, avail, in->chunk, &stop);
            if (k == 0) {
                if (stop == KP_UTF8_TRUNCATED && !in->eof) {
                    if (refill(in, e) < 0)
                        return -1;
                    continue;
                }
                return bad_bytes(in, line, stop == KP_UTF8_TRUNCATED, e);
            }
        }
        *p = (const char *)r;
        *n = k;
        in->raw_pos += k;
        in->consumed += k;
        return 1;
    }
}
