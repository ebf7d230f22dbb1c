/* libxlsxwriter (Debian's libxlsxwriter-dev), the C library ccts writes Excel workbooks with. */
#ifndef CCTS_CXLSXWRITER_SHIM_H
#define CCTS_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
