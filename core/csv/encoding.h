/*
 * encoding.h — recognising the text encodings county staff send: UTF-8 (with
 * or without a byte order mark) and GB18030, the superset of GBK that Chinese
 * Excel writes by default.
 *
 * These are pure functions over byte arrays; input.c uses them to decide a
 * file's encoding and to check it chunk by chunk.
 */
#ifndef KP_CSV_ENCODING_H
#define KP_CSV_ENCODING_H

#include <stddef.h>

typedef enum kp_encoding {
    KP_ENC_UNDECIDED, /* only ASCII seen so far: it reads the same in both */
    KP_ENC_UTF8,
    KP_ENC_UTF8_BOM,
    KP_ENC_GB18030,
} kp_encoding;

/* How a scan of UTF-8 stopped. */
typedef enum kp_utf8_stop {
    KP_UTF8_OK,        /* reached the end of the data or the soft limit */
    KP_UTF8_TRUNCATED, /* the rest is the beginning of a character cut off by the end of the data */
    KP_UTF8_INVALID,   /* the next byte starts a sequence that is not UTF-8 */
} kp_utf8_stop;

/* The encoding name as kp_csv_encoding() reports it. */
const char *kp_encoding_name(kp_encoding enc);

/* Length of the run of ASCII bytes at the start of p[0..n). */
size_t kp_ascii_prefix(const unsigned char *p, size_t n);

/*
 * Length of the longest prefix of p[0..n) made of whole, well-formed UTF-8
 * characters (no overlong forms, no surrogates, nothing above U+10FFFF).  The
 * scan stops at the first character boundary at or after `limit` bytes, so a
 * caller can take the data in pieces without cutting a character.  *stop says
 * why the scan ended.
 */
size_t kp_utf8_prefix(const unsigned char *p, size_t n, size_t limit, kp_utf8_stop *stop);

/*
 * Decide between UTF-8 and GB18030 from a sample that starts at the file's
 * first non-ASCII byte.  `complete` is nonzero when the sample runs to the end
 * of the file; otherwise a character cut off by the end of the sample is not
 * evidence against UTF-8.
 *
 * Valid UTF-8 means UTF-8.  A sample that is overwhelmingly well-formed UTF-8
 * with a few bad bytes is UTF-8 too: reading it as GB18030 would turn every
 * Chinese character into other Chinese characters without any error, whereas
 * reading it as UTF-8 reports the bad bytes at their line.  Anything else is
 * GB18030, where real GBK text shows far more bad UTF-8 sequences than good
 * ones.
 */
kp_encoding kp_detect_encoding(const unsigned char *p, size_t n, int complete);

#define KP_BYTES_TEXT_MAX 24

/*
 * Write the bytes at p (at most 4 of them, stopping before the first ASCII
 * byte after the first) as "0xD6 0xD0" into out, for messages that show what
 * was found.  out must hold at least KP_BYTES_TEXT_MAX bytes.
 */
void kp_describe_bytes(const unsigned char *p, size_t n, char *out);

#endif
