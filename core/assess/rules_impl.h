/*
 * rules_impl.h — what the files of the rules loader share (rules.c,
 * rules_lang.c).  Not for use outside core/assess/.
 */
#ifndef KP_ASSESS_RULES_IMPL_H
#define KP_ASSESS_RULES_IMPL_H

#include "assess/rules.h"

/* Registry keys: the table of declarations, and the metatable that marks an
 * item declaration. */
extern const char kp_rules_key_decl;
extern const char kp_rules_key_item;

/* The sandbox's user pointer while a rules file loads. */
struct kp_rules_loader {
    const char *path;
};

/* Define the verbs and the declaration table in a fresh sandbox. */
int kp_rules_lang_install(kp_sandbox *sb, kp_err *e);

/* The line of `path` that is running, looking through library frames. */
int kp_rules_current_line(lua_State *L, const char *path);

#endif
