/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_BIRTH_SUPPORT_SAMPLE_H
#define KP_BIRTH_SUPPORT_SAMPLE_H

#include <kaoping/plugin.h>

int birth_support_sample_outreach(const struct kp_sample_host *h, struct kp_sample *s);
int birth_support_sample_sites(const struct kp_sample_host *h, struct kp_sample *s);

#endif
