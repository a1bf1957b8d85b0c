/*
 * codeset.h — a set of Unicode code points.
 *
 * Collects the characters a document shows, so that the embedded font holds
 * exactly those glyphs, and the characters the font lacks, so that the user
 * can be told.  A plain bitmap over all of Unicode: 136 KiB, constant time.
 */
#ifndef KP_RENDER_CODESET_H
#define KP_RENDER_CODESET_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define KP_CODESET_LIMIT 0x110000u
#define KP_CODESET_END UINT32_MAX

typedef struct kp_codeset {
    uint64_t *bits;
    size_t count;
} kp_codeset;

int kp_codeset_init(kp_codeset *cs, kp_err *e);
void kp_codeset_free(kp_codeset *cs);
void kp_codeset_add(kp_codeset *cs, uint32_t cp);
int kp_codeset_has(const kp_codeset *cs, uint32_t cp);
/* Add every character of `len` bytes of UTF-8 (invalid bytes add U+FFFD). */
void kp_codeset_add_utf8(kp_codeset *cs, const char *utf8, size_t len);
/* The smallest member >= from, or KP_CODESET_END. */
uint32_t kp_codeset_next(const kp_codeset *cs, uint32_t from);

#endif
