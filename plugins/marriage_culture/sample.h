/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_MARRIAGE_CULTURE_SAMPLE_H
#define KP_MARRIAGE_CULTURE_SAMPLE_H

#include <kaoping/plugin.h>

int marriage_culture_sample_journals(const struct kp_sample_host *h, struct kp_sample *s);
int marriage_culture_sample_events(const struct kp_sample_host *h, struct kp_sample *s);

#endif
