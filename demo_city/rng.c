/*
 * rng.c — a SplitMix64 generator (Steele, Lea and Flood, 2014): one 64-bit
 * add and a mixing function per number.  It passes the usual statistical
 * batteries, which is far more than invented figures need, and it has no
 * state beyond one integer, which makes streams cheap.
 */
#include "demo_city/rng.h"

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void kp_rng_init(kp_rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
    /* Mixing each part in turn keeps (seed, 1, 2) and (seed, 2, 1) apart. */
    r->state = mix(mix(mix(seed) ^ (a + 0x9e3779b97f4a7c15u)) ^ (b + 0x632be59bd9b4e019u));
}

uint64_t kp_rng_next(kp_rng *r)
{
    r->state += 0x9e3779b97f4a7c15u;
    return mix(r->state);
}

uint32_t kp_rng_below(kp_rng *r, uint32_t n)
{
    /* Reject the top sliver so that every value is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = kp_rng_next(r);
    while (x >= limit);
    return (uint32_t)(x % n);
}

int kp_rng_range(kp_rng *r, int lo, int hi)
{
    return lo + (int)kp_rng_below(r, (uint32_t)(hi - lo) + 1);
}

int kp_rng_percent(kp_rng *r, int percent)
{
    return (int)kp_rng_below(r, 100) < percent;
}
