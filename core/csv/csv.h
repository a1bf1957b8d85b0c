/*
 * csv.h — a streaming reader for the CSV files county staff send.
 *
 * Files come from Excel: UTF-8 with or without a byte order mark, or
 * GB18030/GBK.  The reader detects which, hands every field on as UTF-8, and
 * stops with an error at the line of any byte that is not valid in the
 * file's encoding, so that mojibake is never stored.  Quoting follows
 * RFC 4180 (see csv.c for the details of what is accepted).
 *
 * Memory does not grow with the file, only with its longest record, and that
 * is bounded by kp_csv_limits.  Every error message reads "FILE:LINE: ...".
 *
 *     kp_csv *c;
 *     if (kp_csv_open_file(&c, path, &e) < 0) ...
 *     int r;
 *     while ((r = kp_csv_next(c, &e)) == 1)
 *         for (size_t i = 0; i < kp_csv_nfields(c); i++) ... kp_csv_field(c, i, &len) ...
 *     kp_csv_close(c);        (r < 0: e says what went wrong)
 */
#ifndef KP_CSV_CSV_H
#define KP_CSV_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct kp_csv kp_csv;

typedef struct kp_csv_limits {
    size_t max_field_bytes; /* longest field, in bytes of UTF-8 (default 1 MiB) */
    size_t max_fields;      /* most fields in one record (default 1000) */
    size_t chunk_bytes;     /* bytes read from the file at a time (default 64 KiB) */
} kp_csv_limits;

/* The defaults. */
void kp_csv_default_limits(kp_csv_limits *lim);

/*
 * Open a file, or a buffer in memory (not copied: it must outlive the reader;
 * `name` is used in messages).  Nothing is read until kp_csv_next().
 */
int kp_csv_open_file(kp_csv **out, const char *path, kp_err *e);
int kp_csv_open_memory(kp_csv **out, const char *name, const void *data, size_t len, kp_err *e);

/*
 * Change the limits; only before the first kp_csv_next().  A zero member
 * leaves that limit as it was.  The chunk may be at most 64 MiB.
 */
int kp_csv_set_limits(kp_csv *c, const kp_csv_limits *lim, kp_err *e);

/*
 * Read the next record: 1 when one is ready, 0 at the end of the file, -1 on
 * error.  Empty lines are skipped.  After an error the reader may only be
 * closed.
 */
int kp_csv_next(kp_csv *c, kp_err *e);

/* The current record's fields, valid until the next kp_csv_next(). */
size_t kp_csv_nfields(const kp_csv *c);
/* Field i as UTF-8, NUL-terminated, its length in *len (may be NULL); NULL when i is out of range. */
const char *kp_csv_field(const kp_csv *c, size_t i, size_t *len);

/* The physical line (1-based) where the current record starts. */
long kp_csv_line(const kp_csv *c);
/* The file name used in messages. */
const char *kp_csv_name(const kp_csv *c);
/*
 * "UTF-8", "UTF-8 with BOM" or "GB18030" (a static string that outlives the
 * reader).  The file's first non-ASCII byte decides (ASCII reads the same in
 * both), so until then, and for a file that is all ASCII, this says "UTF-8".
 */
const char *kp_csv_encoding(const kp_csv *c);
/* Bytes of the file taken in so far (at most a chunk ahead of the record), for progress. */
uint64_t kp_csv_offset(const kp_csv *c);
/* The file's size in bytes if known (a regular file or memory), else 0. */
uint64_t kp_csv_size(const kp_csv *c);

void kp_csv_close(kp_csv *c);

#endif
