/*
 * src.h - the source files of a program and locations in them.
 *
 * A location is a byte span in one file (a file id plus start and end
 * offsets).  Line and column are computed only when a diagnostic is shown;
 * columns count characters (UTF-8 code points), not bytes.
 */
#ifndef RUBRIC_SRC_H
#define RUBRIC_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "digest.h"

typedef struct src_span {
	uint32_t start, end; /* byte offsets, end exclusive */
	uint16_t file;       /* index into src_set; 0 means "no location" */
} src_span;

typedef struct src_file {
	const char *name;   /* as shown in diagnostics */
	const char *path;   /* resolved path on disk, or NULL for embedded text */
	const char *module; /* a stdlib module embedded in the binary: its name
			       ("std.scales"); NULL for any other file */
	/* SHA-256 of the bytes read (a byte-order mark included), for the
	 * provenance of reports; has_sha256 is false only when it could not
	 * be computed (out of memory). */
	unsigned char sha256[DIGEST_LEN];
	bool has_sha256;
	const char *text;   /* NUL-terminated copy; may contain NUL bytes before len */
	size_t len;
	uint32_t *lines;    /* byte offset of each line start */
	size_t nlines;
} src_file;

typedef struct src_set {
	arena *arena;
	src_file **files; /* files[0] is a placeholder for "no location" */
	size_t len, cap;
} src_set;

void src_set_init(src_set *s, arena *a);
/* Adds a copy of text, with its SHA-256; returns the new file id (>= 1), or
 * 0 when the set is full (more than 65534 files). */
uint16_t src_add(src_set *s, const char *name, const char *path,
		 const char *text, size_t len);
const src_file *src_get(const src_set *s, uint16_t id);

/* 1-based line and column (in characters) of a byte offset. */
void src_line_col(const src_file *f, uint32_t offset, int *line, int *col);
/* The line holding offset, without its newline. */
const char *src_line_text(const src_file *f, uint32_t offset, size_t *len);

src_span src_join(src_span a, src_span b);

/* Length of the well-formed UTF-8 character at s (at most n bytes), or 0:
 * overlong forms, surrogates, values past U+10FFFF and NUL are not. */
size_t src_utf8_len(const char *s, size_t n);
/* Bytes of the column at s: a character, or one stray byte. */
size_t src_column_len(const char *s, size_t n);

#endif
