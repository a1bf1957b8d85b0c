/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_REPRODUCTIVE_HEALTH_SAMPLE_H
#define KP_REPRODUCTIVE_HEALTH_SAMPLE_H

#include <kaoping/plugin.h>

int reproductive_health_sample_trainers(const struct kp_sample_host *h, struct kp_sample *s);
int reproductive_health_sample_projects(const struct kp_sample_host *h, struct kp_sample *s);

#endif
