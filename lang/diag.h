/*
 * diag.h - the one place diagnostics are recorded and rendered.
 *
 * Library code never prints: it adds records to a diag_list, and the
 * command-line front end renders them once, in source order:
 *
 *   rules.rubric:3:11: error: unknown competency 'client_cae' [unknown-name]
 *       3 |   require client_cae >= 4
 *         |           ^~~~~~~~~~
 *         = hint: did you mean 'client_care'?
 *
 * Every record has a stable id (the bracketed name) that tests and users can
 * rely on; the wording of messages may improve, the ids do not change.
 */
#ifndef RUBRIC_DIAG_H
#define RUBRIC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "src.h"

typedef enum diag_severity { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct diag {
	diag_severity severity;
	const char *id;      /* stable name, e.g. "unknown-name" */
	const char *message;
	src_span span;
	const char *hint;    /* optional: "did you mean 'x'?" */
	const char *note;    /* optional: text for the secondary location */
	src_span note_span;  /* optional secondary location (file 0: none) */
	size_t seq;          /* order of reporting, breaks ties when sorting */
	/* A location in a data file rather than a rule file (span.file is 0):
	 * its name, line and column, and the text of that line for the
	 * excerpt. */
	const char *at_file;
	uint32_t at_line, at_col;
	const char *at_text;
	size_t at_text_len;
	uint32_t at_caret;   /* column of the caret in at_text (0: at_col) */
} diag;

typedef struct diag_list {
	arena *arena;
	ptr_vec items;
	size_t errors, warnings;
	size_t max_errors;   /* how many records diag_render shows (see diag.c) */
	size_t data_records; /* records located in data files */
	size_t dropped;      /* data records counted but not kept */
} diag_list;

#define DIAG_DEFAULT_MAX_ERRORS 50

void diag_init(diag_list *l, arena *a);
/* Adds the records of `from`, which holds only records located in data
 * files, after those of l, as if they had been added to l in turn (the cap
 * on kept records applies across both).  from's records stay in from's
 * arena, which must live as long as l's. */
void diag_append(diag_list *l, const diag_list *from);

/* Adds a record and returns it so the caller can attach a hint or a note;
 * returns a scratch record (not kept) once the cap is reached. */
diag *diag_error(diag_list *l, src_span span, const char *id,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
diag *diag_warning(diag_list *l, src_span span, const char *id,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* An error in a data file: FILE:LINE:COL, with `text` (one line, may be
 * NULL) shown under it with a caret at `col`. */
diag *diag_error_at(diag_list *l, const char *file, uint32_t line,
		    uint32_t col, const char *text, size_t text_len,
		    const char *id, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
diag *diag_warning_at(diag_list *l, const char *file, uint32_t line,
		      uint32_t col, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void diag_hint(diag_list *l, diag *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_note(diag_list *l, diag *d, src_span span, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Sorts by file and position (stable) and writes every record to out.
 * With color, severities and carets are highlighted with ANSI escapes. */
void diag_render(diag_list *l, const src_set *srcs, FILE *out, bool color);

/* The closest candidate to `name` by edit distance, or NULL when none is
 * close enough to suggest. */
const char *diag_nearest(const char *name, const char *const *candidates,
			 size_t n);

#endif
