/*
 * rng.h — the demo city's random numbers: small, seeded and the same on every
 * machine, so that one seed always gives byte-identical files.
 *
 * Each table of each county draws from its own stream (seed, county, stream
 * id), so changing how one table is generated never shifts another.
 */
#ifndef KP_DEMO_RNG_H
#define KP_DEMO_RNG_H

#include <stdint.h>

typedef struct kp_rng {
    uint64_t state;
} kp_rng;

/* The stream for (seed, a, b): a is usually the county index, b the table. */
void kp_rng_init(kp_rng *r, uint64_t seed, uint64_t a, uint64_t b);
uint64_t kp_rng_next(kp_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t kp_rng_below(kp_rng *r, uint32_t n);
/* Uniform in [lo, hi]; lo <= hi. */
int kp_rng_range(kp_rng *r, int lo, int hi);
/* True with probability percent / 100. */
int kp_rng_percent(kp_rng *r, int percent);

#endif
