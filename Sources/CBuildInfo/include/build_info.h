#ifndef CCTS_BUILD_INFO_H
#define CCTS_BUILD_INFO_H

/* The commit ccts was built from, e.g. "b43d5a7cf159" or "b43d5a7cf159+changes"; "unknown" in a
   build that did not go through make. */
const char *ccts_build_commit(void);

#endif
