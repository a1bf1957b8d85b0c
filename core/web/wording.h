/*
 * wording.h — the import's problem messages in the words county staff read.
 * The importer speaks English (its messages are shared with the command
 * line); the web pages show the same problems in Chinese by replacing the
 * known phrases, and leave a phrase they do not know as it is rather than
 * lose it.
 */
#ifndef KP_WEB_WORDING_H
#define KP_WEB_WORDING_H

#include <stddef.h>

/* `msg` with every known English phrase replaced by its Chinese, into out (always terminated). */
void kp_wording_zh(const char *msg, char *out, size_t n);

#endif
