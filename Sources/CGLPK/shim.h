/* GLPK (Debian's libglpk-dev), the GNU Linear Programming Kit: the simplex and branch-and-cut
   solver ccts's optimisation module calls for its linear and mixed-integer programmes. */
#ifndef CCTS_CGLPK_SHIM_H
#define CCTS_CGLPK_SHIM_H
#include <glpk.h>
#endif
