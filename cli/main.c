/*
 * main.c - the rubric command: dispatch to a subcommand (cmd_*.c), each of
 * which parses its options and calls the library.  Exit codes are in cli.h
 * and docs/cli.md.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "modules.h"


static const char usage_main[] =
	"usage: rubric COMMAND [OPTION]... [FILE]...\n"
	"\n"
	"Rubric checks and evaluates competence frameworks, 360-degree\n"
	"assessments, balanced scorecards and certification rules.\n"
	"\n"
	"commands:\n"
	"  check FILE...     check rule files and report every problem\n"
	"  eval FILE...      evaluate data against the rules and report results\n"
	"  explain FILE...   explain one result step by step (--subject, --measure)\n"
	"  graph FILE...     print each scorecard's strategy map (Graphviz DOT)\n"
	"  test FILE...      run the test blocks of rule files\n"
	"  fmt FILE...       write rule files in the canonical layout\n"
	"  diff OLD NEW      compare two versions of a rule set, and with --data\n"
	"                    their results\n"
	"  stdlib [MODULE]   list the stdlib modules, or print one\n"
	"\n"
	"options:\n"
	"  -h, --help        show this help, or a command's with COMMAND --help\n"
	"  --version         show the version\n"
	"\n"
	"exit codes: 0 success, 1 rule errors, 2 usage, 3 data errors, 4 I/O.\n"
	"See rubric(1) and docs/cli.md.\n";

static const char usage_stdlib[] =
	"usage: rubric stdlib [MODULE]\n"
	"\n"
	"Without MODULE, lists the stdlib modules a rule file can 'use'.\n"
	"With MODULE (for example std.scales), prints its source.\n";

static bool is_help(const char *a)
{
	return cli_is_help(a);
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
		return cli_usage_error("stdlib", "stdlib takes one module name", NULL);
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
	} else if (strcmp(cmd, "eval") == 0) {
		rc = cmd_eval(argc - 2, argv + 2);
	} else if (strcmp(cmd, "explain") == 0) {
		rc = cmd_explain(argc - 2, argv + 2);
	} else if (strcmp(cmd, "graph") == 0) {
		rc = cmd_graph(argc - 2, argv + 2);
	} else if (strcmp(cmd, "test") == 0) {
		rc = cmd_test(argc - 2, argv + 2);
	} else if (strcmp(cmd, "fmt") == 0) {
		rc = cmd_fmt(argc - 2, argv + 2);
	} else if (strcmp(cmd, "diff") == 0) {
		rc = cmd_diff(argc - 2, argv + 2);
	} else if (strcmp(cmd, "stdlib") == 0) {
		rc = cmd_stdlib(argc - 2, argv + 2);
	} else {
		rc = cli_usage_error(NULL, "unknown command", cmd);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("rubric: error writing standard output\n", stderr);
		return EXIT_IO;
	}
	return rc;
}
