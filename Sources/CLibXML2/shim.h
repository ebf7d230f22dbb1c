/* libxml2 (Debian's libxml2-dev): its streaming reader (xmlTextReader) parses the XML parts of
   the .xlsx workbooks ccts reads, with the library's own limits (depth, entity expansion) and
   without network access or DTD loading. */
#ifndef CCTS_CLIBXML2_SHIM_H
#define CCTS_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so its encoding header would include ICU's; Swift's Foundation
   carries its own ICU module, and the two definitions of ICU's enums clash. ccts never touches an
   encoding handler (it only holds pointers to the reader), so ICU's declarations are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#endif
