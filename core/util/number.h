/*
 * number.h — numbers as kaoping writes them, in one place: exactly (never
 * 3.751e+04 for 37,506), without trailing zeros, with thousands separators
 * where a person reads them and with the figure's unit.
 */
#ifndef KP_UTIL_NUMBER_H
#define KP_UTIL_NUMBER_H

#include <stddef.h>

/* x rounded to at most `decimals` places, trailing zeros dropped, "-0" never;
 * with `grouped`, the whole part in groups of three ("37,506.5").  Returns out. */
const char *kp_number(char *out, size_t size, double x, int decimals, int grouped);

/* For files a program reads (CSV, JSON): plain digits, no separators and no
 * exponent, rounded to 10 places so that 98.23999999999999 reads 98.24. */
const char *kp_number_data(char *out, size_t size, double x);

/* The double a reader of kp_number_data() gets back: what to store in a
 * spreadsheet cell so that it holds 98.24, not 98.23999999999999. */
double kp_number_clean(double x);

/* A figure with its unit, for people: "57.14%", "37,506人", "是"/"否" for a
 * yes/no figure (measure "是否"), two places at most. */
const char *kp_number_measure(char *out, size_t size, double x, const char *measure);

#endif
