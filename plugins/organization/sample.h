/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_ORGANIZATION_SAMPLE_H
#define KP_ORGANIZATION_SAMPLE_H

#include <kaoping/plugin.h>

int organization_sample_status(const struct kp_sample_host *h, struct kp_sample *s);

#endif
