/* number.c — numbers as kaoping writes them (see number.h). */
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_DECIMALS 10

/* Drop the trailing zeros of a fraction, and its point when nothing is left. */
static void trim_fraction(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *end = s + strlen(s);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* Insert a comma every three digits of the whole part, in place. */
static void group_thousands(char *s, size_t size)
{
    char *digits = s + (*s == '-');
    size_t whole = strcspn(digits, ".");
    size_t commas = whole > 3 ? (whole - 1) / 3 : 0;
    size_t len = strlen(s);
    if (!commas || len + commas + 1 > size)
        return;
    memmove(digits + whole + commas, digits + whole, len - (size_t)(digits - s) - whole + 1);
    for (size_t i = whole, out = whole + commas, n = 0; i > 0; n++) {
        if (n && n % 3 == 0)
            digits[--out] = ',';
        digits[--out] = digits[--i];
    }
}

const char *kp_number(char *out, size_t size, double x, int decimals, int grouped)
{
    if (!size)
        return out;
    if (!isfinite(x)) {
        snprintf(out, size, "%s", isnan(x) ? "—" : x > 0 ? "∞" : "-∞");
        return out;
    }
    snprintf(out, size, "%.*f", decimals, x);
    trim_fraction(out);
    if (!strcmp(out, "-0"))
        snprintf(out, size, "0");
    if (grouped)
        group_thousands(out, size);
    return out;
}

const char *kp_number_data(char *out, size_t size, double x)
{
    return kp_number(out, size, x, DATA_DECIMALS, 0);
}

double kp_number_clean(double x)
{
    if (!isfinite(x))
        return x;
    char buf[400];
    return strtod(kp_number_data(buf, sizeof buf, x), NULL);
}

const char *kp_number_measure(char *out, size_t size, double x, const char *measure)
{
    measure = measure ? measure : "";
    if (!strcmp(measure, "是否")) {
        snprintf(out, size, "%s", x >= 1 ? "是" : "否");
        return out;
    }
    char num[400];
    kp_number(num, sizeof num, x, 2, strcmp(measure, "%") != 0);
    snprintf(out, size, "%s%s", num, measure);
    return out;
}
