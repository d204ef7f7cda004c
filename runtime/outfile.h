/*
 * outfile.h - output files written whole or not at all.
 *
 * The text goes to a temporary file beside the target, created anew
 * (O_EXCL, mode 0666 less the umask, like any file the user creates); only
 * outfile_commit renames it over the target, so a failed run leaves the
 * target as it was.  outfile_same tells whether two paths are one file, so
 * an output never overwrites an input.
 */
#ifndef RUBRIC_OUTFILE_H
#define RUBRIC_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct outfile {
	FILE *f;           /* write here */
	char *tmp;         /* the temporary file's path (malloc'd) */
	const char *path;  /* the target */
} outfile;

/* false with errno set when no temporary file can be created */
bool outfile_open(outfile *o, const char *path);
/* Closes and renames; false with errno set when that fails (the temporary
 * file is then removed).  Either way the outfile is finished. */
bool outfile_commit(outfile *o);
/* Closes and removes the temporary file; the target is untouched. */
void outfile_abort(outfile *o);

/* Whether a and b name the same existing file. */
bool outfile_same(const char *a, const char *b);

#endif
