/* cmd_fmt.c - rubric fmt: rule files in the canonical layout (lang/fmt.c). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fmt.h"
#include "outfile.h"

static const char usage[] =
	"usage: rubric fmt [OPTION]... FILE...\n"
	"\n"
	"Writes each rule file in the canonical layout: two spaces of indent\n"
	"per block, one space between tokens, the author's line breaks and\n"
	"comments kept, runs of blank lines made one.  Without an option the\n"
	"formatted text goes to standard output.  A file with syntax errors is\n"
	"not formatted: its errors are reported as by 'rubric check'.  A FILE\n"
	"of '-' reads standard input.\n"
	"\n"
	"options:\n"
	"  --check           write nothing; for each file not in the canonical\n"
	"                    layout, print a unified diff (on standard output)\n"
	"                    and its name (on standard error); exit 1 if any\n"
	"  -w, --write       rewrite in place the files not in the canonical\n"
	"                    layout (each whole or not at all)\n"
	"  --max-errors N    list at most N problems (default 50; 0: all)\n"
	"  --color WHEN      colour diagnostics: auto (default), always, never\n"
	"  -h, --help        show this help\n"
	"\n"
	"exit codes: 0 done (with --check: every file is formatted), 1 syntax\n"
	"errors or, with --check, a file not formatted, 2 usage, 4 I/O.\n";

/* Reads FILE (or standard input for "-"); on failure reports it and
 * returns NULL. */
static char *read_source(program *p, const char *path, size_t *len)
{
	errno = 0;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *text = f ? program_read_stream(f, len) : NULL;
	int err = errno;
	if (f && f != stdin)
		fclose(f);
	if (!text) {
		if (strcmp(path, "-") == 0)
			diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-read",
				   "cannot read standard input: %s", strerror(err));
		else
			diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-read",
				   "cannot read '%s': %s", path, strerror(err));
	}
	return text;
}

/* Replaces the file at path with text, whole or not at all, keeping its
 * permissions; a symbolic link is followed, not replaced. */
static bool rewrite(const char *path, const char *text, size_t len)
{
	char real[PATH_MAX];
	const char *target = realpath(path, real) ? real : path;
	struct stat st;
	bool have_mode = stat(target, &st) == 0;
	outfile o;
	if (!outfile_open(&o, target)) {
		fprintf(stderr, "rubric: cannot write '%s': %s\n", path, strerror(errno));
		return false;
	}
	if (have_mode)
		(void)fchmod(fileno(o.f), st.st_mode & 07777);
	fwrite(text, 1, len, o.f);
	if (!outfile_commit(&o)) {
		fprintf(stderr, "rubric: cannot write '%s': %s\n", path, strerror(errno));
		return false;
	}
	return true;
}

typedef struct fmt_options {
	bool check, in_place;
} fmt_options;

static int fmt_option(void *ud, int argc, char **argv, int *i)
{
	fmt_options *o = ud;
	const char *a = argv[*i];
	(void)argc;
	if (strcmp(a, "--check") == 0)
		o->check = true;
	else if (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0)
		o->in_place = true;
	else
		return 0;
	return 1;
}

int cmd_fmt(int argc, char **argv)
{
	cli_common common = {DIAG_DEFAULT_MAX_ERRORS, -1};
	fmt_options o = {0};
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_IO;
	int arc = cli_args("fmt", usage, &common, argc, argv, fmt_option, &o, files,
			   &nfiles);
	if (arc != EXIT_OK) {
		free(files);
		return arc == CLI_HELP ? EXIT_OK : arc;
	}
	bool check = o.check, in_place = o.in_place;
	const char *bad = NULL;
	if (nfiles == 0)
		bad = "no rule files given";
	else if (check && in_place)
		bad = "--check and -w do not go together";
	for (int i = 0; !bad && in_place && i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			bad = "-w cannot rewrite standard input";
	if (bad) {
		free(files);
		return cli_usage_error("fmt", bad, NULL);
	}

	program *p = program_new();
	if (!p) {
		free(files);
		fputs("rubric: out of memory\n", stderr);
		return EXIT_IO;
	}
	p->diags.max_errors = common.max_errors;
	int rc = EXIT_OK;
	for (int i = 0; i < nfiles; i++) {
		const char *path = files[i];
		bool is_stdin = strcmp(path, "-") == 0;
		const char *name = is_stdin ? "<stdin>" : path;
		size_t len = 0;
		char *text = read_source(p, path, &len);
		if (!text) {
			rc = EXIT_IO;
			continue;
		}
		uint16_t id = src_add(&p->srcs, name, is_stdin ? NULL : path, text, len);
		free(text);
		if (!id) {
			diag_error(&p->diags, (src_span){0, 0, 0}, "too-many-files",
				   "too many rule files in one run");
			rc = EXIT_IO;
			break;
		}
		const src_file *src = src_get(&p->srcs, id);
		char *out;
		size_t out_len;
		if (fmt_file(p->arena, &p->names, &p->diags, &p->srcs, id, &out,
			     &out_len) != FMT_OK) {
			if (rc < EXIT_RULES)
				rc = EXIT_RULES;
			continue;
		}
		bool changed = out_len != src->len ||
			       memcmp(out, src->text, out_len) != 0;
		if (check) {
			if (changed) {
				char *label = arena_printf(p->arena, "%s (formatted)", name);
				fputs(fmt_diff(p->arena, name, src->text, src->len,
					       label, out, out_len), stdout);
				fprintf(stderr, "rubric: %s: not in the canonical layout\n",
					name);
				if (rc < EXIT_RULES)
					rc = EXIT_RULES;
			}
		} else if (in_place) {
			if (changed && !rewrite(path, out, out_len))
				rc = EXIT_IO;
		} else {
			fwrite(out, 1, out_len, stdout);
		}
	}
	free(files);
	cli_render(p, &common, p->diags.errors > 0);
	program_free(p);
	return rc;
}
