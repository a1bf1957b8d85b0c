/*
 * outdir.h — the folder `kaoping demo` writes into.
 *
 * The demo deletes and rewrites its own output on every run, so it must
 * never touch anything else: the folder keeps a list of what kaoping wrote
 * there (KP_DEMO_MANIFEST), and a folder holding any other file is refused.
 */
#ifndef KP_DEMO_OUTDIR_H
#define KP_DEMO_OUTDIR_H

#include "util/err.h"

#define KP_DEMO_MANIFEST ".kaoping-demo"

/*
 * Make `dir` ready for a new run: create it (and its parents) when missing;
 * otherwise check that every file in it is one the list names, delete those
 * files and start a new list.  Fails, changing nothing, when the folder holds
 * a file kaoping did not write, naming that file.
 */
int kp_demo_dir_claim(const char *dir, kp_err *e);

/* Add `relpath` (inside dir, e.g. "data/units.csv") to the list; call it
 * before writing the file, so that an interrupted run is still cleaned up. */
int kp_demo_dir_record(const char *dir, const char *relpath, kp_err *e);

#endif
