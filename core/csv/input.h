/*
 * input.h — reading a CSV file in fixed chunks and handing it on as checked
 * UTF-8, whatever its encoding.
 *
 * The CSV parser (csv.c) asks for the next span of text; the input reads,
 * detects the encoding, drops a byte order mark, checks UTF-8 or converts
 * GB18030 with iconv.  Memory is fixed: one raw buffer and one conversion
 * buffer, sized from the chunk size.  Bytes that are not valid in the file's
 * encoding are reported when the parser reaches them, at the parser's line.
 */
#ifndef KP_CSV_INPUT_H
#define KP_CSV_INPUT_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>

#include "csv/encoding.h"
#include "util/err.h"

/* How much of a file's start decides its encoding. */
#define KP_CSV_SAMPLE_BYTES ((size_t)64 * 1024)

typedef struct kp_csv_input {
    const char *name; /* for messages; owned by the reader */
    int fd;           /* -1 when reading from memory */
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    int eof; /* the source has nothing more */

    size_t chunk;       /* bytes read at a time, and the most handed on at a time */
    unsigned char *raw; /* bytes read and not yet handed on are raw[pos..len) */
    size_t raw_cap, raw_pos, raw_len;
    char *out; /* GB18030 converted to UTF-8 */
    size_t out_cap;
    iconv_t cd;

    kp_encoding enc;
    int started;
    uint64_t consumed; /* raw bytes handed on (as UTF-8) so far */
    uint64_t size;     /* total bytes if known, else 0 */
} kp_csv_input;

/* Set up reading from an open file descriptor (taken over) or from memory (not copied). */
void kp_csv_input_init_fd(kp_csv_input *in, const char *name, int fd, uint64_t size);
void kp_csv_input_init_memory(kp_csv_input *in, const char *name, const void *data, size_t len);

/* Bytes to read at a time; only before the first kp_csv_input_next(). */
void kp_csv_input_set_chunk(kp_csv_input *in, size_t chunk);

/*
 * The next span of UTF-8 text: 1 with *p and *n set (n > 0, valid until the next
 * call), 0 at the end of the file, -1 on error.  `line` is the physical line
 * the caller has reached, for messages about the bytes that come next.
 */
int kp_csv_input_next(kp_csv_input *in, long line, const char **p, size_t *n, kp_err *e);

void kp_csv_input_free(kp_csv_input *in);

#endif
