/*
 * values.h — turning the text of a CSV field into the value a column stores.
 *
 * Each parser takes the field as (s, len), trims it with kp_trim() itself,
 * and returns 0 with the value in *out, or -1 with *out untouched and
 * *expected (unless expected is NULL) pointing to a short, static English
 * phrase with Chinese examples that begins "expected ..." and says what the
 * field should have held, e.g.
 * "expected a date like 2023-05-29, 2023/5/29, 2023.5.29 or 2023年5月29日".
 * The importer puts it into its message:
 *     member_trainings.csv:12: date: "2023-02-30": expected a date that exists ...
 *
 * An empty (or all-space) field fails like any other bad text: whether empty
 * means NULL, a default or an error is the importer's decision, made with
 * kp_trim() before calling a parser.
 */
#ifndef KP_CSV_VALUES_H
#define KP_CSV_VALUES_H

#include <stddef.h>
#include <stdint.h>

/* "YYYY-MM-DD" and its NUL. */
#define KP_DATE_SIZE 11

/* Narrow (s, len) to drop ASCII spaces and tabs and the full-width space U+3000 at both ends. */
void kp_trim(const char **s, size_t *len);

/* Names and keys are shown in file names, table cells and sheet headers:
 * a name of thousands of characters or with a control character breaks
 * every report that shows it.  Other text is bounded too, more loosely. */
#define KP_NAME_MAX_CHARS 64
#define KP_TEXT_MAX_CHARS 2000

/*
 * Text of at most `max_chars` characters; with `one_line`, without control
 * characters (tab, newline or an escape sequence) either.  (s, len) is
 * already checked UTF-8.
 */
int kp_check_text(const char *s, size_t len, size_t max_chars, int one_line,
                  const char **expected);

/* 1/0, 是/否, true/false, Y/N, in any case: *out is 1 or 0. */
int kp_parse_bool(const char *s, size_t len, int *out, const char **expected);

/*
 * 2023-05-29, 2023/5/29, 2023.5.29 or 2023年5月29日 (one or two digits for the
 * month and day, one separator throughout), a date that exists, years
 * 1900..2999: out gets "2023-05-29".
 */
int kp_parse_date(const char *s, size_t len, char out[KP_DATE_SIZE], const char **expected);

/*
 * A whole number in decimal digits with an optional sign; negative only when
 * allow_negative.  Anything that does not fit in int64_t is refused.
 */
int kp_parse_int(const char *s, size_t len, int allow_negative, int64_t *out, const char **expected);

/*
 * A decimal number: optional sign, digits with an optional fraction (12, 3.5,
 * .5), optional exponent (1.5E+07, as Excel writes large numbers); negative
 * only when allow_negative.  NaN, infinity, hexadecimal and numbers too large
 * for a double are refused.  Independent of the C locale.
 */
int kp_parse_real(const char *s, size_t len, int allow_negative, double *out, const char **expected);

/* Four digits from 1900 to 2999, optionally followed by 年 (2023年). */
int kp_parse_year(const char *s, size_t len, int *out, const char **expected);

#endif
