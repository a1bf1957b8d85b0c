/* i18n.c — picking the language of messages and binding the catalog. */
#include "util/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/paths.h"

static int chinese;

/* The locale the user asked for messages in, as POSIX orders the variables;
 * NULL when none is set. */
static const char *asked_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

void kp_i18n_init(void)
{
    const char *asked = asked_locale();
    chinese = !asked || !strncmp(asked, "zh", 2);
    /* Not LC_ALL: LC_NUMERIC would turn "0.5" into "0,5" in some locales. */
    int ctype = setlocale(LC_CTYPE, "") != NULL;
    int messages = setlocale(LC_MESSAGES, "") != NULL;
    if (chinese) {
        /* A Chinese locale that is not installed (or none at all) still gets
         * the Chinese catalog: gettext reads LANGUAGE in any locale but "C". */
        const char *now = setlocale(LC_MESSAGES, NULL);
        if (!messages || !now || !strcmp(now, "C") || !strcmp(now, "POSIX"))
            setlocale(LC_MESSAGES, "C.UTF-8");
        if (!ctype)
            setlocale(LC_CTYPE, "C.UTF-8");
        const char *language = getenv("LANGUAGE");
        if (!language || strncmp(language, "zh", 2))
            setenv("LANGUAGE", "zh_CN", 1);
    }
    const char *dir = kp_locale_dir();
    if (dir)
        bindtextdomain(KP_TEXT_DOMAIN, dir);
    bind_textdomain_codeset(KP_TEXT_DOMAIN, "UTF-8");
    textdomain(KP_TEXT_DOMAIN);
}

int kp_i18n_chinese(void)
{
    return chinese;
}
