/*
 * names.h — plausible Chinese names for the demo city's units and people.
 */
#ifndef KP_DEMO_NAMES_H
#define KP_DEMO_NAMES_H

#include <stddef.h>

#include "demo_city/rng.h"

#define KP_DEMO_NAME_MAX 48

/* County i's name without its suffix (江岸, 江北 ...), the same for every seed
 * and different for every i below KP_DEMO_MAX_COUNTIES. */
void kp_demo_county_stem(int i, char out[KP_DEMO_NAME_MAX]);

/* A township or village name: a stem (urban ones for 街道 and 社区) and the
 * suffix, different from every name in `taken` (ntaken of them). */
void kp_demo_place_name(kp_rng *r, int urban, const char *suffix, const char (*taken)[KP_DEMO_NAME_MAX],
                        size_t ntaken, char out[KP_DEMO_NAME_MAX]);

/* A person's name: a common surname and one or two given characters. */
void kp_demo_person_name(kp_rng *r, char out[KP_DEMO_NAME_MAX]);

#endif
