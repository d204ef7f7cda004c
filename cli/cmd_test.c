/* cmd_test.c - rubric test: run the `test` blocks of rule files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suite.h"

static const char usage[] =
	"usage: rubric test [OPTION]... FILE...\n"
	"\n"
	"Runs the 'test' blocks of each rule file (each FILE is its own rule\n"
	"set, with what it includes): the given data, as of the test's date;\n"
	"then each 'expect' and each 'golden' table.  A failure shows what was\n"
	"expected, what the run gave and where the expectation is written.\n"
	"\n"
	"options:\n"
	"  --accept          write the tables the runs give into their golden\n"
	"                    files (the new baseline), whole or not at all\n"
	"  --only TEXT       run only the tests whose name contains TEXT\n"
	"  -v, --verbose     list passing tests too\n"
	"  --max-errors N    list at most N problems in a rule file (default 50)\n"
	"  --color WHEN      colour: auto (default), always, never\n"
	"  -h, --help        show this help\n"
	"\n"
	"The last line is 'N passed, N failed'.\n"
	"exit codes: 0 every test passed, 1 a test failed or a rule file has\n"
	"errors, 2 usage, 4 I/O.\n";

static void where(program *p, src_span at)
{
	const src_file *f = src_get(&p->srcs, at.file);
	if (!f)
		return;
	int line, col;
	src_line_col(f, at.start, &line, &col);
	printf("%s:%d:%d: ", f->name, line, col);
}

typedef struct test_options {
	suite_options suite;
	bool verbose;
} test_options;

static int test_option(void *ud, int argc, char **argv, int *i)
{
	test_options *o = ud;
	const char *a = argv[*i];
	if (!strcmp(a, "--accept")) {
		o->suite.accept = true;
	} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
		o->verbose = true;
	} else if (!strcmp(a, "--only")) {
		if (*i + 1 >= argc) {
			cli_usage_error("test", "a value must follow", a);
			return -1;
		}
		o->suite.only = argv[++*i];
	} else {
		return 0;
	}
	return 1;
}

int cmd_test(int argc, char **argv)
{
	cli_common common = {DIAG_DEFAULT_MAX_ERRORS, -1};
	test_options o = {0};
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_IO;
	int arc = cli_args("test", usage, &common, argc, argv, test_option, &o, files,
			   &nfiles);
	if (arc != EXIT_OK) {
		free(files);
		return arc == CLI_HELP ? EXIT_OK : arc;
	}
	suite_options so = o.suite;
	bool verbose = o.verbose;
	if (nfiles == 0) {
		free(files);
		return cli_usage_error("test", "no rule files given", NULL);
	}
	size_t passed = 0, failed = 0, accepted = 0;
	int rc = EXIT_OK;
	for (int f = 0; f < nfiles; f++) {
		int lrc;
		program *p = cli_load(&common, &files[f], 1, &lrc);
		if (lrc != EXIT_OK) {
			cli_render(p, &common, true);
			program_free(p);
			if (rc == EXIT_OK || lrc == EXIT_IO)
				rc = lrc;
			if (lrc == EXIT_RULES)
				failed++; /* a rule set that does not check fails */
			continue;
		}
		cli_render(p, &common, false); /* warnings */
		ptr_vec tests = {0};
		bool ran = suite_run(p, &so, &tests);
		int err = errno;
		for (size_t i = 0; i < tests.len; i++) {
			const suite_test *t = tests.items[i];
			accepted += t->accepted;
			if (t->passed) {
				passed++;
				if (verbose) {
					printf("PASS ");
					where(p, t->span);
					printf("%s\n", t->test->name.s);
				}
				continue;
			}
			failed++;
			printf("FAIL ");
			where(p, t->span);
			printf("%s%s%s\n", t->test->name.s, t->test->title ? " - " : "",
			       t->test->title ? t->test->title : "");
			for (size_t k = 0; k < t->failures.len; k++) {
				const suite_failure *sf = t->failures.items[k];
				printf("  ");
				where(p, sf->span);
				printf("expected %s\n    got %s\n", sf->what, sf->got);
			}
		}
		if (!ran) {
			/* the tests so far are shown above; the rest could not run */
			fprintf(stderr, "rubric: %s: cannot write a temporary file: %s\n",
				files[f], strerror(err));
			rc = EXIT_IO;
		}
		program_free(p);
	}
	free(files);
	if (accepted)
		printf("%zu golden file%s accepted\n", accepted, accepted == 1 ? "" : "s");
	printf("%zu passed, %zu failed\n", passed, failed);
	if (rc == EXIT_OK && failed)
		rc = EXIT_RULES;
	return rc;
}
