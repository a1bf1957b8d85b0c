/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_HEALTH_PROMOTION_SAMPLE_H
#define KP_HEALTH_PROMOTION_SAMPLE_H

#include <kaoping/plugin.h>

int health_promotion_sample_lectures(const struct kp_sample_host *h, struct kp_sample *s);
int health_promotion_sample_instructors(const struct kp_sample_host *h, struct kp_sample *s);
int health_promotion_sample_projects(const struct kp_sample_host *h, struct kp_sample *s);

#endif
