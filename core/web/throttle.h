/*
 * throttle.h — slowing down password guessing.  Failed logins are counted
 * per account and per client address over a window; past the limit, logins
 * for that account or from that address are refused until the window has
 * passed, whether the password is right or not.  Kept in memory: a restart
 * forgets the counts, which costs an attacker a restart they cannot cause.
 */
#ifndef KP_WEB_THROTTLE_H
#define KP_WEB_THROTTLE_H

#define KP_THROTTLE_WINDOW_S (15 * 60)
#define KP_THROTTLE_PER_ACCOUNT 5
#define KP_THROTTLE_PER_ADDRESS 20

/* Seconds until a login for `name` from `addr` may be tried; 0 when it may now. */
long kp_throttle_wait(const char *name, const char *addr);
void kp_throttle_failed(const char *name, const char *addr);
/* A good login forgets the account's failures (not the address's). */
void kp_throttle_passed(const char *name);

#endif
