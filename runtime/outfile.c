/* outfile.c - output files written whole or not at all; see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool outfile_open(outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	size_t n = strlen(path) + 32;
	o->tmp = malloc(n);
	if (!o->tmp) {
		errno = ENOMEM;
		return false;
	}
	/* A fresh name: the pid and a counter, never an existing file. */
	for (unsigned k = 0; k < 1000; k++) {
		snprintf(o->tmp, n, "%s.tmp%ld.%u", path, (long)getpid(), k);
		int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd >= 0)
			o->f = fdopen(fd, "w");
		if (!o->f) {
			int err = errno;
			if (fd >= 0) {
				close(fd);
				remove(o->tmp);
			}
			free(o->tmp);
			o->tmp = NULL;
			errno = err;
			return false;
		}
		return true;
	}
	free(o->tmp);
	o->tmp = NULL;
	errno = EEXIST;
	return false;
}

bool outfile_commit(outfile *o)
{
	bool ok = !ferror(o->f);
	int err = ok ? 0 : EIO;
	if (fclose(o->f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && rename(o->tmp, o->path) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok)
		remove(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	o->f = NULL;
	errno = err;
	return ok;
}

void outfile_abort(outfile *o)
{
	if (!o->f)
		return;
	fclose(o->f);
	remove(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	o->f = NULL;
}

bool outfile_same(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}
