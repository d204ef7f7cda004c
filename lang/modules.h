/* modules.h - the stdlib modules embedded at build time (tools/embed.sh). */
#ifndef RUBRIC_MODULES_H
#define RUBRIC_MODULES_H

#include <stddef.h>

typedef struct stdlib_module {
	const char *name;   /* "std.scales" */
	const char *file;   /* "std/scales.rubric", as shown in diagnostics */
	const char *text;
	size_t len;
} stdlib_module;

extern const stdlib_module stdlib_modules[];
extern const size_t stdlib_module_count;

#endif
