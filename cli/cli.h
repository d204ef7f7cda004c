/*
 * cli.h - what the rubric command's subcommands share: exit codes, usage
 * errors, option values, and loading rule files with their diagnostics.
 */
#ifndef RUBRIC_CLI_H
#define RUBRIC_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "program.h"

enum {
	EXIT_OK = 0,
	EXIT_RULES = 1,  /* the rule files have errors */
	EXIT_USAGE = 2,  /* unknown command or option, missing argument */
	EXIT_DATA = 3,   /* the data has errors */
	EXIT_IO = 4,     /* a file could not be read or written */
};

/* Options every command that reads rule files takes. */
typedef struct cli_common {
	size_t max_errors;
	int color;        /* -1 auto, 0 never, 1 always */
} cli_common;

/* Prints "rubric: WHAT 'ARG'" (or WHAT) and where help is; returns 2. */
int cli_usage_error(const char *cmd, const char *what, const char *arg);
bool cli_is_help(const char *arg);
/* Handles --max-errors and --color at argv[*i]; returns 1 when it took the
 * option, 0 when the option is not one of these, -1 on a usage error. */
int cli_common_option(cli_common *c, const char *cmd, int argc, char **argv,
		      int *i);
/* The inputs of an evaluation that eval, graph and diff take alike:
 * --data NAME=PATH (repeatable, once per dataset) and --as-of DATE. */
typedef struct cli_eval_inputs {
	eval_binding *data;   /* room for one binding per argument */
	size_t ndata;
	bool has_as_of;
	cal_date as_of;
	unsigned threads;     /* --threads N; 0: not given */
} cli_eval_inputs;

/* Makes room for the bindings of argc arguments; false when out of memory. */
bool cli_eval_inputs_init(cli_eval_inputs *in, int argc);
void cli_eval_inputs_free(cli_eval_inputs *in);
/* Handles --data, --as-of and --threads at argv[*i], as cli_common_option
 * does: 1 when it took the option, 0 when it is not one of these, -1 on a
 * usage error (reported, naming `cmd`): a missing value, NAME=PATH
 * malformed, a dataset named twice, a date that is not a real YYYY-MM-DD,
 * a number of threads that is not 1 to 64. */
int cli_eval_option(cli_eval_inputs *in, const char *cmd, int argc, char **argv,
		    int *i);
/* Whether to colour what goes to fd: --color always, or auto on a
 * terminal when NO_COLOR is not set. */
bool cli_color(const cli_common *c, int fd);
/* Sets the threads of an evaluation: --threads, else one per core up to
 * two (the most a ratings file is split into); and, for tests, the size
 * from which a file is split, from RUBRIC_SPLIT_BYTES. */
void cli_eval_threads(const cli_eval_inputs *in, eval_options *eo);

/* A command's own option at argv[*i] (advancing *i past its value):
 * 1 taken, 0 not one of its options, -1 a usage error, already reported. */
typedef int (*cli_option_fn)(void *ud, int argc, char **argv, int *i);

/* The argument loop of a command that takes rule files: the common
 * options, -h/--help (prints usage), the command's own options through
 * `own`, "--", and FILE arguments, collected into files (argc + 1 long)
 * and *nfiles.  Returns CLI_HELP after printing the usage, EXIT_OK to go
 * on, or EXIT_USAGE. */
enum { CLI_HELP = -1 };
int cli_args(const char *cmd, const char *usage, cli_common *c, int argc,
	     char **argv, cli_option_fn own, void *ud, char **files, int *nfiles);

/* Loads and checks rule files ("-" is standard input); renders every
 * diagnostic to stderr.  Returns the program (never NULL) and sets *rc to
 * EXIT_OK, EXIT_RULES or EXIT_IO. */
program *cli_load(const cli_common *c, char **files, int nfiles, int *rc);
/* Renders the program's diagnostics and the error count line. */
void cli_render(program *p, const cli_common *c, bool summary);

int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
