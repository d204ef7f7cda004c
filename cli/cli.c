/* cli.c - what the subcommands share; see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const char *cmd, const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "rubric: %s '%s'\n", what, arg);
	else
		fprintf(stderr, "rubric: %s\n", what);
	fprintf(stderr, "Try 'rubric %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

bool cli_is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

int cli_common_option(cli_common *c, const char *cmd, int argc, char **argv,
		      int *i)
{
	const char *a = argv[*i];
	if (strcmp(a, "--max-errors") == 0) {
		if (*i + 1 >= argc) {
			cli_usage_error(cmd, "a number must follow", a);
			return -1;
		}
		char *end;
		const char *v = argv[++*i];
		long n = strtol(v, &end, 10);
		if (*v == '\0' || *end || n < 0) {
			cli_usage_error(cmd, "invalid --max-errors", v);
			return -1;
		}
		c->max_errors = n == 0 ? (size_t)-1 : (size_t)n;
		return 1;
	}
	if (strcmp(a, "--color") == 0) {
		if (*i + 1 >= argc) {
			cli_usage_error(cmd, "auto, always or never must follow", a);
			return -1;
		}
		const char *w = argv[++*i];
		if (strcmp(w, "auto") == 0)
			c->color = -1;
		else if (strcmp(w, "always") == 0)
			c->color = 1;
		else if (strcmp(w, "never") == 0)
			c->color = 0;
		else {
			cli_usage_error(cmd, "invalid --color", w);
			return -1;
		}
		return 1;
	}
	return 0;
}

bool cli_color(const cli_common *c, int fd)
{
	/* auto: only on a terminal, and not when NO_COLOR is set */
	const char *no_color = getenv("NO_COLOR");
	return c->color == 1 ||
	       (c->color == -1 && isatty(fd) && !(no_color && *no_color));
}

int cli_args(const char *cmd, const char *usage, cli_common *c, int argc,
	     char **argv, cli_option_fn own, void *ud, char **files, int *nfiles)
{
	*nfiles = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int took = cli_common_option(c, cmd, argc, argv, &i);
		if (took == 0 && own)
			took = own(ud, argc, argv, &i);
		if (took < 0)
			return EXIT_USAGE;
		if (took)
			continue;
		if (cli_is_help(a)) {
			fputs(usage, stdout);
			return CLI_HELP;
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				files[(*nfiles)++] = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error(cmd, "unknown option", a);
		} else {
			files[(*nfiles)++] = argv[i];
		}
	}
	return EXIT_OK;
}

bool cli_eval_inputs_init(cli_eval_inputs *in, int argc)
{
	memset(in, 0, sizeof *in);
	in->data = calloc((size_t)argc + 1, sizeof *in->data);
	return in->data != NULL;
}

void cli_eval_inputs_free(cli_eval_inputs *in)
{
	for (size_t k = 0; in->data && k < in->ndata; k++)
		free((char *)in->data[k].name);
	free(in->data);
	in->data = NULL;
	in->ndata = 0;
}

/* A date written exactly YYYY-MM-DD, digits only. */
static bool parse_date(const char *s, cal_date *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (!cal_valid(y, m, d))
		return false;
	*out = cal_from_ymd(y, m, d);
	return true;
}

int cli_eval_option(cli_eval_inputs *in, const char *cmd, int argc, char **argv,
		    int *i)
{
	const char *a = argv[*i];
	if (strcmp(a, "--data") != 0 && strcmp(a, "--as-of") != 0 &&
	    strcmp(a, "--threads") != 0)
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(cmd, "a value must follow", a);
		return -1;
	}
	const char *v = argv[++*i];
	if (strcmp(a, "--threads") == 0) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(v, &end, 10);
		if (errno || end == v || *end || v[0] == '-' || n < 1 || n > 64) {
			cli_usage_error(cmd, "--threads takes a number from 1 to 64, not", v);
			return -1;
		}
		in->threads = (unsigned)n;
		return 1;
	}
	if (strcmp(a, "--as-of") == 0) {
		if (!parse_date(v, &in->as_of)) {
			cli_usage_error(cmd, "--as-of takes a real date YYYY-MM-DD, not", v);
			return -1;
		}
		in->has_as_of = true;
		return 1;
	}
	const char *eq = strchr(v, '=');
	if (!eq || eq == v || !eq[1]) {
		cli_usage_error(cmd, "--data takes NAME=PATH, not", v);
		return -1;
	}
	char *name = strndup(v, (size_t)(eq - v));
	if (!name) {
		fputs("rubric: out of memory\n", stderr);
		return -1;
	}
	for (size_t k = 0; k < in->ndata; k++)
		if (!strcmp(in->data[k].name, name)) {
			cli_usage_error(cmd, "--data names a dataset twice:", name);
			free(name);
			return -1;
		}
	in->data[in->ndata].name = name;
	in->data[in->ndata++].path = eq + 1;
	return 1;
}

void cli_eval_threads(const cli_eval_inputs *in, eval_options *eo)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	eo->threads = in->threads ? in->threads : cores >= 2 ? 2 : 1;
	const char *split = getenv("RUBRIC_SPLIT_BYTES");
	char *end;
	if (split && *split) {
		unsigned long long n = strtoull(split, &end, 10);
		if (!*end && n > 0)
			eo->split_min = (size_t)n;
	}
}

void cli_render(program *p, const cli_common *c, bool summary)
{
	diag_render(&p->diags, &p->srcs, stderr, cli_color(c, STDERR_FILENO));
	if (summary && (p->diags.errors || p->diags.warnings))
		fprintf(stderr, "rubric: %zu error%s, %zu warning%s\n", p->diags.errors,
			p->diags.errors == 1 ? "" : "s", p->diags.warnings,
			p->diags.warnings == 1 ? "" : "s");
}

program *cli_load(const cli_common *c, char **files, int nfiles, int *rc)
{
	program *p = program_new();
	if (!p) {
		fputs("rubric: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	p->diags.max_errors = c->max_errors;
	bool io_error = false;
	for (int i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0) {
			size_t len = 0;
			char *text = program_read_stream(stdin, &len);
			if (!text) {
				diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-read",
					   "cannot read standard input");
				io_error = true;
				continue;
			}
			program_load_text(p, "<stdin>", text, len);
			free(text);
		} else if (!program_load_file(p, files[i])) {
			io_error = true;
		}
	}
	program_check(p);
	*rc = p->diags.errors == 0 ? EXIT_OK : io_error ? EXIT_IO : EXIT_RULES;
	return p;
}
