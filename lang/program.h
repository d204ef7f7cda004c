/*
 * program.h - a loaded rule set: its files, their trees, and what the
 * checker made of them.
 *
 * A program owns one arena; everything it holds (sources, trees, names,
 * diagnostics, the checked model) is freed by program_free.
 *
 *   program *p = program_new();
 *   program_load_file(p, "rules.rubric");   // follows include and use
 *   program_check(p);                       // names, types, consistency
 *   diag_render(&p->diags, &p->srcs, stderr, false);
 *   program_free(p);
 */
#ifndef RUBRIC_PROGRAM_H
#define RUBRIC_PROGRAM_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "intern.h"
#include "src.h"

typedef struct model model; /* resolve.h */

typedef struct program {
	arena *arena;
	src_set srcs;
	intern_table names;
	diag_list diags;
	ptr_vec files;      /* ast_file*, in load order */
	ptr_vec loading;    /* const char* paths being loaded: the include stack */
	ptr_vec loading_names; /* the same, as written, for messages */
	ptr_vec loaded;     /* const char* canonical paths already loaded */
	ptr_vec loaded_ids; /* their file ids (uintptr_t) */
	size_t failed_uses; /* `use` of a module that does not exist */
	model *model;       /* set by program_check */
} program;

program *program_new(void);
void program_free(program *p);

/* Reads and parses a file and everything it includes or uses.  Problems are
 * recorded in p->diags; returns false when the file could not be read. */
bool program_load_file(program *p, const char *path);
/* The same for text in memory (tests, stdin); name is used in messages. */
bool program_load_text(program *p, const char *name, const char *text,
		       size_t len);
/* The same, with relative includes found in `dir` (ending in '/', or ""
 * for the current directory): a file's text read from elsewhere, such as
 * the old version git hands to a diff driver. */
bool program_load_text_at(program *p, const char *name, const char *dir,
			  const char *text, size_t len);
/* Runs the checker over everything loaded; true when there are no errors. */
bool program_check(program *p);
/* Reads a whole file (at most the size a rule file may have) into the
 * arena, NUL-terminated; NULL with errno on failure. */
char *program_read_file(arena *a, const char *path, size_t *len);
/* Reads the rest of f, with the same limit, into a malloc'd buffer (not
 * NUL-terminated); NULL with errno on failure.  f stays open. */
char *program_read_stream(FILE *f, size_t *len);
/* A path written in rule file `file` (a dataset's `path`, a test's fixture
 * or golden file): relative to that file's folder, as it is named. */
const char *program_path_beside(program *p, uint16_t file, const char *path);
/* After program_check: adds what `check --strict` requires (the governance
 * metadata, see resolve_strict in resolve.h) to p->diags; true when there
 * are no errors at all. */
bool program_check_strict(program *p);

#endif
