/* cmd_check.c - rubric check: report every problem in rule files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: rubric check [OPTION]... FILE...\n"
	"\n"
	"Reads the rule files as one rule set, with the files they include and\n"
	"the stdlib modules they use; checks names, types, scales, weights and\n"
	"references; and reports every problem as FILE:LINE:COL: error: MESSAGE\n"
	"[ID] with the source line and a caret.  A FILE of '-' reads standard\n"
	"input.\n"
	"\n"
	"options:\n"
	"  --max-errors N    list at most N problems (default 50; 0: all)\n"
	"  --werror          treat warnings as errors\n"
	"  --strict          also require the governance metadata: the header's\n"
	"                    version, effective and owner; an owner and a source\n"
	"                    for every framework, scorecard and certification;\n"
	"                    an owner for every measure\n"
	"  --color WHEN      colour diagnostics: auto (default), always, never\n"
	"  -q, --quiet       print nothing on success\n"
	"  -h, --help        show this help\n"
	"\n"
	"exit codes: 0 clean (warnings allowed), 1 errors, 2 usage, 4 I/O.\n";

typedef struct check_options {
	bool werror, quiet, strict;
} check_options;

static int check_option(void *ud, int argc, char **argv, int *i)
{
	check_options *o = ud;
	const char *a = argv[*i];
	(void)argc;
	if (strcmp(a, "--werror") == 0)
		o->werror = true;
	else if (strcmp(a, "--strict") == 0)
		o->strict = true;
	else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
		o->quiet = true;
	else
		return 0;
	return 1;
}

int cmd_check(int argc, char **argv)
{
	cli_common common = {DIAG_DEFAULT_MAX_ERRORS, -1};
	check_options o = {0};
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_IO;
	int arc = cli_args("check", usage, &common, argc, argv, check_option, &o,
			   files, &nfiles);
	if (arc != EXIT_OK) {
		free(files);
		return arc == CLI_HELP ? EXIT_OK : arc;
	}
	bool werror = o.werror, quiet = o.quiet, strict = o.strict;
	if (nfiles == 0) {
		free(files);
		return cli_usage_error("check", "no rule files given", NULL);
	}

	int rc;
	program *p = cli_load(&common, files, nfiles, &rc);
	free(files);
	/* Strict problems are errors of the rules, reported with the others. */
	if (strict && !program_check_strict(p) && rc == EXIT_OK)
		rc = EXIT_RULES;
	size_t warnings = p->diags.warnings;
	cli_render(p, &common, p->diags.errors || (werror && warnings));
	program_free(p);
	if (rc == EXIT_OK && werror && warnings)
		rc = EXIT_RULES;
	if (rc == EXIT_OK && !quiet)
		printf("ok: %d file%s checked%s\n", nfiles, nfiles == 1 ? "" : "s",
		       warnings ? ", with warnings" : "");
	return rc;
}
