/*
 * main.c - the rubric command: option parsing, then library calls.
 *
 * Exit codes (docs/cli.md):
 *   0  success
 *   1  the rule files have errors
 *   2  usage: unknown command or option, missing argument
 *   3  the data has errors (eval)
 *   4  a file could not be read or written
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "program.h"
#include "modules.h"

enum {
	EXIT_OK = 0,
	EXIT_RULES = 1,
	EXIT_USAGE = 2,
	EXIT_DATA = 3,
	EXIT_IO = 4,
};

static const char usage_main[] =
	"usage: rubric COMMAND [OPTION]... [FILE]...\n"
	"\n"
	"Rubric checks and evaluates competence frameworks, 360-degree\n"
	"assessments, balanced scorecards and certification rules.\n"
	"\n"
	"commands:\n"
	"  check FILE...     check rule files and report every problem\n"
	"  stdlib [MODULE]   list the stdlib modules, or print one\n"
	"\n"
	"options:\n"
	"  -h, --help        show this help, or a command's with COMMAND --help\n"
	"  --version         show the version\n"
	"\n"
	"exit codes: 0 success, 1 rule errors, 2 usage, 3 data errors, 4 I/O.\n"
	"See rubric(1) and docs/cli.md.\n";

static const char usage_check[] =
	"usage: rubric check [OPTION]... FILE...\n"
	"\n"
	"Reads each rule file with the files it includes and the stdlib modules\n"
	"it uses, checks names, types, scales, weights and references, and\n"
	"reports every problem as FILE:LINE:COL: error: MESSAGE [ID] with the\n"
	"source line and a caret.  A FILE of '-' reads standard input.\n"
	"\n"
	"options:\n"
	"  --max-errors N    stop listing after N errors (default 50; 0: no cap)\n"
	"  --werror          treat warnings as errors\n"
	"  --color WHEN      colour diagnostics: auto (default), always, never\n"
	"  -q, --quiet       print nothing on success\n"
	"  -h, --help        show this help\n"
	"\n"
	"exit codes: 0 clean (warnings allowed), 1 errors, 2 usage, 4 I/O.\n";

static const char usage_stdlib[] =
	"usage: rubric stdlib [MODULE]\n"
	"\n"
	"Without MODULE, lists the stdlib modules a rule file can 'use'.\n"
	"With MODULE (for example std.scales), prints its source.\n";

/* Prints "rubric: WHAT 'ARG'" (or just WHAT) and where to find help. */
static int usage_error(const char *what, const char *arg, const char *cmd)
{
	if (arg)
		fprintf(stderr, "rubric: %s '%s'\n", what, arg);
	else
		fprintf(stderr, "rubric: %s\n", what);
	fprintf(stderr, "Try 'rubric %s--help'.\n", cmd);
	return EXIT_USAGE;
}

static bool is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* Reads all of standard input into a malloc'd buffer. */
static char *read_stdin(size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			char *b = realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				return NULL;
			}
			buf = b;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (got == 0)
			break;
	}
	if (buf && ferror(stdin)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int cmd_check(int argc, char **argv)
{
	size_t max_errors = DIAG_DEFAULT_MAX_ERRORS;
	bool werror = false, quiet = false;
	int color = -1; /* auto */
	int first = argc;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (is_help(a)) {
			fputs(usage_check, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--max-errors") == 0) {
			if (i + 1 >= argc)
				return usage_error("a number must follow", a, "check ");
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 0)
				return usage_error("invalid --max-errors", argv[i], "check ");
			max_errors = v == 0 ? (size_t)-1 : (size_t)v;
		} else if (strcmp(a, "--werror") == 0) {
			werror = true;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			quiet = true;
		} else if (strcmp(a, "--color") == 0) {
			if (i + 1 >= argc)
				return usage_error("auto, always or never must follow", a,
						   "check ");
			const char *w = argv[++i];
			if (strcmp(w, "auto") == 0)
				color = -1;
			else if (strcmp(w, "always") == 0)
				color = 1;
			else if (strcmp(w, "never") == 0)
				color = 0;
			else
				return usage_error("invalid --color", w, "check ");
		} else if (strcmp(a, "--") == 0) {
			first = i + 1;
			break;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a, "check ");
		} else {
			first = i;
			break;
		}
	}
	if (first >= argc)
		return usage_error("no rule files given", NULL, "check ");

	program *p = program_new();
	if (!p) {
		fputs("rubric: out of memory\n", stderr);
		return EXIT_IO;
	}
	p->diags.max_errors = max_errors;
	bool io_error = false;
	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			size_t len = 0;
			char *text = read_stdin(&len);
			if (!text) {
				fputs("rubric: cannot read standard input\n", stderr);
				io_error = true;
				continue;
			}
			program_load_text(p, "<stdin>", text, len);
			free(text);
		} else if (!program_load_file(p, argv[i])) {
			io_error = true;
		}
	}
	program_check(p);
	bool use_color = color == 1 || (color == -1 && isatty(STDERR_FILENO));
	diag_render(&p->diags, &p->srcs, stderr, use_color);
	size_t errors = p->diags.errors, warnings = p->diags.warnings;
	program_free(p);

	if (errors || (werror && warnings)) {
		fprintf(stderr, "rubric: %zu error%s, %zu warning%s\n", errors,
			errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		return io_error && errors == 0 ? EXIT_IO : EXIT_RULES;
	}
	if (!quiet)
		printf("ok: %d file%s checked%s\n", argc - first,
		       argc - first == 1 ? "" : "s",
		       warnings ? ", with warnings" : "");
	return EXIT_OK;
}

static int cmd_stdlib(int argc, char **argv)
{
	if (argc > 0 && is_help(argv[0])) {
		fputs(usage_stdlib, stdout);
		return EXIT_OK;
	}
	if (argc == 0) {
		for (size_t i = 0; i < stdlib_module_count; i++)
			printf("%s\n", stdlib_modules[i].name);
		return EXIT_OK;
	}
	if (argc > 1)
		return usage_error("stdlib takes one module name", NULL, "stdlib ");
	for (size_t i = 0; i < stdlib_module_count; i++) {
		if (strcmp(stdlib_modules[i].name, argv[0]) == 0) {
			fwrite(stdlib_modules[i].text, 1, stdlib_modules[i].len, stdout);
			return EXIT_OK;
		}
	}
	fprintf(stderr, "rubric: no stdlib module named '%s'\n", argv[0]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	int rc;
	if (is_help(cmd)) {
		fputs(usage_main, stdout);
		rc = EXIT_OK;
	} else if (strcmp(cmd, "--version") == 0) {
		printf("rubric %s\n", RUBRIC_VERSION);
		rc = EXIT_OK;
	} else if (strcmp(cmd, "check") == 0) {
		rc = cmd_check(argc - 2, argv + 2);
	} else if (strcmp(cmd, "stdlib") == 0) {
		rc = cmd_stdlib(argc - 2, argv + 2);
	} else {
		rc = usage_error("unknown command", cmd, "");
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("rubric: error writing standard output\n", stderr);
		return EXIT_IO;
	}
	return rc;
}
