/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_INFLUENCE_SAMPLE_H
#define KP_INFLUENCE_SAMPLE_H

#include <kaoping/plugin.h>

int influence_sample_reports(const struct kp_sample_host *h, struct kp_sample *s);
int influence_sample_projects(const struct kp_sample_host *h, struct kp_sample *s);
int influence_sample_volunteers(const struct kp_sample_host *h, struct kp_sample *s);

#endif
