/*
 * linebreak.h — where a line of Chinese and mixed text may end.
 *
 * Break opportunities follow UAX #14 (libunistring), tightened by the rules
 * of Chinese typesetting: no line begins with closing punctuation such as
 * ，。、；：？！）」』》 and none ends with opening punctuation such as （「『《;
 * a number stays with the hanzi after it (`2023年`).  Latin words and numbers
 * (`85.5%`) never offer a break inside.
 */
#ifndef KP_RENDER_LINEBREAK_H
#define KP_RENDER_LINEBREAK_H

#include <stddef.h>

enum kp_break {
    KP_BREAK_NO = 0,      /* the line may not end here                       */
    KP_BREAK_ALLOWED = 1, /* the line may end here                           */
    KP_BREAK_MUST = 2     /* the line ends here (after a newline, at the end) */
};

/* Fill brk[0..len] (len + 1 entries): brk[i] says whether a line may end
 * before byte i.  brk[0] is NO, brk[len] is MUST; positions inside a
 * multi-byte character are NO.  `utf8` should be valid UTF-8 (see
 * kp_text_clean); a newline is left at the end of the line it closes. */
void kp_linebreaks(const char *utf8, size_t len, char *brk);

#endif
