/*
 * i18n.h — the language of kaoping's messages.
 *
 * Messages are written in English in the source and looked up in a gettext
 * catalog (po/zh_CN.po) at run time.  Its users are Chinese, so Chinese is
 * what a kaoping started without any locale set speaks; LANG=C (or any
 * locale that is not Chinese) gives the English originals.
 *
 *   _("text")   a message shown to the user, translated where it is used
 *   N_("text")  a message kept in a table and translated where it is shown
 */
#ifndef KP_UTIL_I18N_H
#define KP_UTIL_I18N_H

#include <libintl.h>

#define _(text) gettext(text)
#define N_(text) text

#define KP_TEXT_DOMAIN "kaoping"

/* Choose the language from LC_ALL, LC_MESSAGES and LANG (the first set),
 * Chinese when none is, and bind the catalog found beside the executable.
 * Only the character type and messages follow the locale: numbers are
 * always read and written with a '.'.  Call once, first thing in main(). */
void kp_i18n_init(void);

/* Is the catalog in use Chinese? (For the few texts not in the catalog,
 * such as tables of column titles that have both languages.) */
int kp_i18n_chinese(void);

#endif
