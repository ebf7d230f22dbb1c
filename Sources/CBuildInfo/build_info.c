/* The commit ccts was built from. `make` writes commit.h beside this file (untracked, rewritten
   only when the commit changes), so a new commit recompiles this one file and relinks: nothing
   else is rebuilt, as it was when the commit was a compiler flag of every module. */
#include "build_info.h"

#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef CCTS_COMMIT
#define CCTS_COMMIT "unknown"
#endif

const char *ccts_build_commit(void) { return CCTS_COMMIT; }
