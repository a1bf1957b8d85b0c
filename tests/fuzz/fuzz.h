/*
 * fuzz.h — the one entry point every fuzz target defines, declared once so
 * that libFuzzer, replay.c and the targets agree on it.
 */
#ifndef KP_TESTS_FUZZ_H
#define KP_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
