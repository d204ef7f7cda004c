/*
 * csv.h - an RFC 4180 reader over a buffer held in memory.
 *
 * Quoted fields may hold commas, doubled quotes and newlines; records end
 * with LF or CRLF; a UTF-8 byte-order mark at the start is skipped; blank
 * lines are skipped.  Every field carries the line where it starts and
 * where that line starts, so csv_column can point a bad value out exactly
 * (the column is counted only then: rows that are fine never pay for it).
 *
 * The fields of a record are valid until the next csv_next call.
 */
#ifndef RUBRIC_CSV_H
#define RUBRIC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct csv_field {
	const char *s;     /* unquoted text (not NUL-terminated) */
	uint32_t len;
	uint32_t line;     /* 1-based line where the field starts */
	size_t line_start; /* where that line starts in the buffer */
	bool quoted;       /* written in quotes: "" is a present empty value */
	bool plain;        /* unquoted and all bytes 0x01..0x7F: ASCII without
			      NUL, so already valid UTF-8 (quoted: false) */
	size_t offset;     /* where the field starts in the buffer (its quote) */
	size_t scratch_at; /* private: where a quoted field's text starts */
} csv_field;

typedef struct csv_reader {
	const char *buf;
	size_t len, pos;
	uint32_t line;         /* line of the next unread byte */
	size_t line_start;     /* offset where that line starts */
	csv_field *fields;
	size_t nfields, cap;
	char *scratch;         /* unescaped quoted fields */
	size_t scratch_len, scratch_cap;
	uint32_t record_line;  /* line where the last record starts */
	size_t record_start, record_end; /* its bytes, for rejected-row files */
	/* set when csv_next returns -1 */
	const char *error;
	uint32_t error_line, error_col;
} csv_reader;

void csv_init(csv_reader *r, const char *buf, size_t len);
void csv_free(csv_reader *r);
/* 1: a record is in r->fields; 0: end of input; -1: malformed (r->error). */
int csv_next(csv_reader *r);
/* The 1-based column of a field, in characters (UTF-8 code points). */
uint32_t csv_column(const csv_reader *r, const csv_field *f);

#endif
