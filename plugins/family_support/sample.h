/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_FAMILY_SUPPORT_SAMPLE_H
#define KP_FAMILY_SUPPORT_SAMPLE_H

#include <kaoping/plugin.h>

int family_support_sample_families(const struct kp_sample_host *h, struct kp_sample *s);
int family_support_sample_homes(const struct kp_sample_host *h, struct kp_sample *s);
int family_support_sample_insurance(const struct kp_sample_host *h, struct kp_sample *s);

#endif
