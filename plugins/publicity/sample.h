/* sample.h — the demo city's rows of this area's tables (sample.c). */
#ifndef KP_PUBLICITY_SAMPLE_H
#define KP_PUBLICITY_SAMPLE_H

#include <kaoping/plugin.h>

int publicity_sample_events(const struct kp_sample_host *h, struct kp_sample *s);

#endif
