/* values.c — parsers for the column types of CSV fields (see values.h). */
#include "csv/values.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define FULLWIDTH_SPACE "\xE3\x80\x80" /* U+3000, what a Chinese input method types as a space */

static const char EXPECT_BOOL[] = "expected 是/否, 1/0, Y/N or true/false";
static const char EXPECT_DATE[] = "expected a date like 2023-05-29, 2023/5/29, 2023.5.29 or 2023年5月29日";
static const char EXPECT_DATE_EXISTS[] = "expected a date that exists (month 1 to 12, a day that month has)";
static const char EXPECT_DATE_YEAR[] = "expected a date with a year from 1900 to 2999";
static const char EXPECT_INT[] = "expected a whole number like 12 or -3";
static const char EXPECT_UINT[] = "expected a whole number of 0 or more, like 12";
static const char EXPECT_INT_RANGE[] =
    "expected a whole number from -9223372036854775808 to 9223372036854775807";
static const char EXPECT_UINT_RANGE[] = "expected a whole number from 0 to 9223372036854775807";
static const char EXPECT_REAL[] = "expected a number like 12, 3.5 or -0.25";
static const char EXPECT_UREAL[] = "expected a number of 0 or more, like 12 or 3.5";
static const char EXPECT_REAL_RANGE[] = "expected a number of a sensible size (this one is too large to hold)";
static const char EXPECT_YEAR[] = "expected a year from 1900 to 2999, like 2023 or 2023年";

/* Longest number text kp_parse_real() takes; real figures are far shorter. */
#define REAL_TEXT_MAX 128

static int is_space_at(const char *s, size_t len)
{
    if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (len >= 3 && memcmp(s, FULLWIDTH_SPACE, 3) == 0)
        return 3;
    return 0;
}

static int is_space_before(const char *s, size_t len)
{
    if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        return 1;
    if (len >= 3 && memcmp(s + len - 3, FULLWIDTH_SPACE, 3) == 0)
        return 3;
    return 0;
}

void kp_trim(const char **s, size_t *len)
{
    int k;
    while ((k = is_space_at(*s, *len)) > 0) {
        *s += k;
        *len -= (size_t)k;
    }
    while ((k = is_space_before(*s, *len)) > 0)
        *len -= (size_t)k;
}

static int fail(const char **expected, const char *what)
{
    if (expected)
        *expected = what;
    return -1;
}

/* ASCII letters match in either case; other bytes (是, 否) exactly, whatever the locale. */
static int is_word(const char *s, size_t len, const char *word)
{
    if (len != strlen(word))
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

int kp_parse_bool(const char *s, size_t len, int *out, const char **expected)
{
    static const char *const yes[] = {"1", "是", "true", "y"};
    static const char *const no[] = {"0", "否", "false", "n"};
    kp_trim(&s, &len);
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (is_word(s, len, yes[i])) {
            *out = 1;
            return 0;
        }
        if (is_word(s, len, no[i])) {
            *out = 0;
            return 0;
        }
    }
    return fail(expected, EXPECT_BOOL);
}

/* Read min..max decimal digits at *p (before end) into *val. */
static int read_digits(const char **p, const char *end, int min, int max, int *val)
{
    int n = 0, v = 0;
    while (*p < end && n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n < min || (*p < end && **p >= '0' && **p <= '9'))
        return -1;
    *val = v;
    return 0;
}

/* Take the literal text `lit` at *p. */
static int take(const char **p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(end - *p) < n || memcmp(*p, lit, n) != 0)
        return -1;
    *p += n;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int kp_parse_date(const char *s, size_t len, char out[KP_DATE_SIZE], const char **expected)
{
    kp_trim(&s, &len);
    const char *p = s, *end = s + len;
    int y, m, d;
    if (read_digits(&p, end, 4, 4, &y) < 0 || p == end)
        return fail(expected, EXPECT_DATE);
    if (*p == '-' || *p == '/' || *p == '.') {
        char sep[2] = {*p, '\0'};
        p++;
        if (read_digits(&p, end, 1, 2, &m) < 0 || take(&p, end, sep) < 0 ||
            read_digits(&p, end, 1, 2, &d) < 0 || p != end)
            return fail(expected, EXPECT_DATE);
    } else if (take(&p, end, "年") < 0 || read_digits(&p, end, 1, 2, &m) < 0 || take(&p, end, "月") < 0 ||
               read_digits(&p, end, 1, 2, &d) < 0 || take(&p, end, "日") < 0 || p != end) {
        return fail(expected, EXPECT_DATE);
    }
    if (y < 1900 || y > 2999)
        return fail(expected, EXPECT_DATE_YEAR);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return fail(expected, EXPECT_DATE_EXISTS);
    /* The ranges just checked keep this within 10 characters. */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 0;
}

int kp_parse_int(const char *s, size_t len, int allow_negative, int64_t *out, const char **expected)
{
    const char *bad = allow_negative ? EXPECT_INT : EXPECT_UINT;
    kp_trim(&s, &len);
    const char *p = s, *end = s + len;
    int negative = 0;
    if (p < end && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        p++;
    }
    if (negative && !allow_negative)
        return fail(expected, EXPECT_UINT);
    if (p == end)
        return fail(expected, bad);
    /* Magnitude limit: INT64_MAX, or one more for INT64_MIN. */
    uint64_t limit = (uint64_t)INT64_MAX + (negative ? 1u : 0u), v = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return fail(expected, bad);
        unsigned digit = (unsigned)(*p - '0');
        if (v > (limit - digit) / 10)
            return fail(expected, allow_negative ? EXPECT_INT_RANGE : EXPECT_UINT_RANGE);
        v = v * 10 + digit;
    }
    if (negative)
        *out = v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return 0;
}

/* Digits at *p; returns how many. */
static size_t skip_digits(const char **p, const char *end)
{
    const char *start = *p;
    while (*p < end && **p >= '0' && **p <= '9')
        (*p)++;
    return (size_t)(*p - start);
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

int kp_parse_real(const char *s, size_t len, int allow_negative, double *out, const char **expected)
{
    const char *bad = allow_negative ? EXPECT_REAL : EXPECT_UREAL;
    kp_trim(&s, &len);
    const char *p = s, *end = s + len;
    /* The syntax is checked here so that strtod's extras (nan, inf, 0x1p3) never get through. */
    if (p < end && (*p == '+' || *p == '-')) {
        if (*p == '-' && !allow_negative)
            return fail(expected, EXPECT_UREAL);
        p++;
    }
    size_t digits = skip_digits(&p, end);
    if (p < end && *p == '.') {
        p++;
        digits += skip_digits(&p, end);
    }
    if (digits == 0)
        return fail(expected, bad);
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (skip_digits(&p, end) == 0)
            return fail(expected, bad);
    }
    if (p != end || len >= REAL_TEXT_MAX)
        return fail(expected, bad);

    char text[REAL_TEXT_MAX];
    memcpy(text, s, len);
    text[len] = '\0';
    /* strtod follows LC_NUMERIC, which might use a decimal comma; the C locale never does. */
    pthread_once(&c_locale_once, make_c_locale);
    double v = c_locale ? strtod_l(text, NULL, c_locale) : strtod(text, NULL);
    /* Underflow to zero is fine for a figure in a report; overflow is not. */
    if (isinf(v))
        return fail(expected, EXPECT_REAL_RANGE);
    *out = v;
    return 0;
}

int kp_parse_year(const char *s, size_t len, int *out, const char **expected)
{
    kp_trim(&s, &len);
    const char *p = s, *end = s + len;
    int y;
    if (read_digits(&p, end, 4, 4, &y) < 0 || (p != end && (take(&p, end, "年") < 0 || p != end)))
        return fail(expected, EXPECT_YEAR);
    if (y < 1900 || y > 2999)
        return fail(expected, EXPECT_YEAR);
    *out = y;
    return 0;
}

int kp_check_text(const char *s, size_t len, size_t max_chars, int one_line,
                  const char **expected)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        chars += (c & 0xC0) != 0x80;
        /* C1 controls are U+0080..U+009F: 0xC2 0x80..0x9F in UTF-8. */
        int control = c < 0x20 || c == 0x7F ||
                      (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F);
        if (one_line && control) {
            if (expected)
                *expected = "expected one line of text without control characters "
                            "(tabs, line breaks or escape sequences)";
            return -1;
        }
    }
    if (chars > max_chars) {
        if (expected)
            *expected = max_chars == KP_NAME_MAX_CHARS
                            ? "expected a name of at most 64 characters"
                            : "expected text of at most 2000 characters";
        return -1;
    }
    return 0;
}
