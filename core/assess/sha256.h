/*
 * sha256.h — SHA-256 (FIPS 180-4), to identify the exact rules an
 * assessment run was computed with.
 */
#ifndef KP_ASSESS_SHA256_H
#define KP_ASSESS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct kp_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} kp_sha256;

void kp_sha256_init(kp_sha256 *c);
void kp_sha256_update(kp_sha256 *c, const void *data, size_t len);
/* Finish and write 64 lower-case hex digits and a NUL to `hex`. */
void kp_sha256_hex(kp_sha256 *c, char hex[65]);

#endif
