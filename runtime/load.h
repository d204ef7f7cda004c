/*
 * load.h - reading declared datasets from CSV files.
 *
 * Every value is checked against its declaration (type, allowed values,
 * range, reference) as it is read.  A bad value becomes a data diagnostic
 * naming the file, line, column and what was expected; the row is either
 * fatal (the default: the run writes no results) or, with skip_bad_rows,
 * rejected into a rejects file with its reasons and counted.  No row is
 * ever dropped without being reported.
 *
 * Small datasets that others refer to, or that rules aggregate, are loaded
 * whole into a table.  Large ones (ratings) are streamed: each good row is
 * handed to a callback and forgotten.
 *
 * The SHA-256 of each file is computed in the same pass, a few hundred
 * kilobytes behind the reader, while those bytes are still in the cache
 * and before their pages are given back (see load.c).
 */
#ifndef RUBRIC_LOAD_H
#define RUBRIC_LOAD_H

#include <stdio.h>

#include "diag.h"
#include "digest.h"
#include "resolve.h"
#include "val.h"

/* Called for each good row; `row` has one val per declared column.  Returns
 * NULL to accept the row, or the reason it is refused (the row is then
 * reported and rejected like any bad row); *column may then be set to the
 * declared column at fault, so the report points at that field. */
typedef const char *(*load_row_fn)(void *ud, const val *row, uint32_t line,
				   size_t *column);

/* A consumer that can also take the rows of a large file's second part on
 * a second thread (see load_stream).  fork makes an empty accumulator like
 * ud for that part, allocating its messages in arena a; join adds the part
 * to ud, or returns false, leaving ud as it was, when the result would
 * differ from reading every row in one pass (a row of the part that one
 * before it makes bad); drop frees a part, joined or not. */
typedef struct load_parts {
	void *(*fork)(void *ud, arena *a);
	bool (*join)(void *ud, void *part);
	void (*drop)(void *part);
} load_parts;

typedef struct table {
	arena *arena;
	m_dataset *ds;
	const char *path;
	size_t nrows, ncols;   /* ncols = ds->columns.len */
	val *cells;            /* row-major: cells[row * ncols + col] */
	uint32_t *lines;       /* the CSV line each row came from */
	/* key index: open addressing over rows, for one-column keys */
	int32_t *slots;
	size_t nslots;
	size_t key_col;
	load_row_fn consumer;  /* while loading: see load_table */
	void *consumer_ud;
} table;

typedef struct load_stats {
	size_t read, used, rejected;
	/* SHA-256 of the file's bytes, computed as they are read; has_sha256
	 * is false when the file could not be read whole without errors, or
	 * the digest could not be computed (out of memory). */
	unsigned char sha256[DIGEST_LEN];
	bool has_sha256;
} load_stats;

/* A rejected row, kept for explanations: each declared column's text as
 * written (NULL when the row did not have that field). */
typedef struct load_reject {
	const m_dataset *dataset;
	const char *path;
	uint32_t line;
	const char *why;
	const char **fields;   /* by declared column */
} load_reject;

typedef struct load_ctx {
	arena *arena;
	model *model;
	diag_list *diags;
	bool skip_bad_rows;
	FILE *rejects;         /* with skip_bad_rows: dataset,file,line,... */
	table **tables;        /* by dataset index in model->datasets; NULL if
				  not loaded as a table */
	bool io_error;         /* a file could not be read (not a data error) */
	ptr_vec *rejected;     /* when not NULL: every rejected row (load_reject*) */
	const char *shown;     /* when not NULL: the file's name in messages and
				  tables, in place of the path opened */
	/* Reading a streamed file in two parts at once: with threads >= 2, a
	 * mapped file of at least split_min bytes (0: LOAD_SPLIT_MIN) whose
	 * consumer gives load_parts. */
	unsigned threads;
	size_t split_min;
} load_ctx;

#define LOAD_SPLIT_MIN ((size_t)16 << 20)


/* Reads `path` for dataset `ds`.  Returns false when the file cannot be
 * read or holds data errors (with skip_bad_rows: only when it cannot be
 * read or its header is wrong).
 *
 * With `parts` (may be NULL) and lc->threads >= 2, a large file is read in
 * two parts at once, split at a line boundary; the result is the same as
 * reading it in one pass, byte for byte: the same rows taken, the same
 * messages and rejected rows in the same order, the same digest.  When the
 * split turns out to fall inside a quoted field, or parts->join refuses
 * the second part, that part is read again after the first. */
bool load_stream(load_ctx *lc, m_dataset *ds, const char *path,
		 load_row_fn fn, void *ud, const load_parts *parts,
		 load_stats *st);
/* The same, keeping every good row in a table, which is also stored in
 * lc->tables; NULL when the data has errors.  When `fn` is not NULL each
 * row is first offered to it, as with load_stream, and kept only if it
 * accepts it (the ratings of an assessment that a rule also reads). */
table *load_table(load_ctx *lc, m_dataset *ds, const char *path,
		  load_row_fn fn, void *ud, load_stats *st);

/* load_stream, also keeping in a table the good rows whose column `col`
 * holds the text `key` (explain: one subject's ratings, out of a file too
 * large to keep whole); NULL when the data has errors.  The table, stored
 * in lc->tables too, has no key index. */
table *load_stream_where(load_ctx *lc, m_dataset *ds, const char *path,
			 load_row_fn fn, void *ud, const load_parts *parts,
			 size_t col, const char *key, load_stats *st);

/* A row's key: its key column's value, or its first column's when the
 * dataset declares no single key. */
val table_key(const table *t, size_t row);
/* The row whose key is (s, len), or -1. */
int32_t table_find(const table *t, const char *s, size_t len);

#endif
