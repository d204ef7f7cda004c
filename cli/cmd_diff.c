/*
 * cmd_diff.c - rubric diff: the semantic difference between two versions of
 * a rule set (lang/diff.c), and with --data the impact on the results
 * (runtime/impact.c).  Files, folders (file by file, by relative path), or
 * git's external diff convention (--git).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "diff.h"
#include "diff_report.h"
#include "impact.h"
#include "resolve.h"

static const char usage[] =
	"usage: rubric diff [OPTION]... OLD NEW\n"
	"       rubric diff --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE\n"
	"\n"
	"Compares two versions of a rule set, OLD and NEW (two files, or two\n"
	"folders compared file by file), and lists what was added, removed or\n"
	"changed: competencies, levels, profiles, weights, minimums, targets,\n"
	"bands, certification clauses, rules ... each with both locations.\n"
	"Layout, comments and the order of declarations are not differences.\n"
	"\n"
	"options:\n"
	"  --data NAME=PATH  also evaluate both versions on this data and report\n"
	"                    the impact: certifications gained and lost, measures\n"
	"                    that change status, gaps that open or close, scores\n"
	"                    that move (repeatable; files only)\n"
	"  --as-of DATE      the date of both evaluations (YYYY-MM-DD); with --data\n"
	"  --threads N       threads for each evaluation, as for eval\n"
	"  --format FORMAT   text (default) or json\n"
	"  --git             take git's external diff arguments (for\n"
	"                    'git config diff.rubric.command \"rubric diff --git\"');\n"
	"                    exits 0 when it could compare, so git goes on\n"
	"  -q, --quiet       print nothing; the exit status tells\n"
	"  --max-errors N    list at most N problems (default 50; 0: all)\n"
	"  --color WHEN      colour the diagnostics: auto (default), always, never\n"
	"  -h, --help        show this help\n"
	"\n"
	"exit codes: 0 no semantic differences, 1 differences, 2 usage,\n"
	"3 errors in the rule files or the data, 4 I/O.\n";

enum { EXIT_DIFFERENT = 1, EXIT_INPUT = 3 };

typedef struct options {
	cli_common common;
	cli_eval_inputs in;
	bool json, git, quiet;
	char **operands;
	int noperands;
} options;

/* The worst outcome so far: I/O beats errors in the inputs. */
static void worse(int *rc, int r)
{
	if (r == EXIT_IO || (r == EXIT_INPUT && *rc != EXIT_IO))
		*rc = r;
}

/* ---- loading one version ------------------------------------------------------- */

/* Reads a whole file (malloc'd); NULL with errno. */
static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = program_read_stream(f, len);
	int err = errno;
	fclose(f);
	errno = err;
	return buf;
}

/* A version of the rule set: a file, its text under another name (git), or
 * nothing (a file only on the other side).  Checked; *rc is EXIT_OK,
 * EXIT_INPUT (rule errors) or EXIT_IO. */
typedef struct side {
	const char *path;   /* the file to read; NULL: an empty rule set */
	const char *name;   /* the name in messages; NULL: path */
	const char *dir;    /* with name: where its includes are found */
} side;

static program *load_side(const options *o, const side *s, int *rc)
{
	program *p = program_new();
	if (!p) {
		fputs("rubric: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	p->diags.max_errors = o->common.max_errors;
	*rc = EXIT_OK;
	bool io = false;
	if (s->path && s->name) {
		size_t len = 0;
		char *text = read_whole(s->path, &len);
		if (!text) {
			diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-read",
				   "cannot read '%s': %s", s->path, strerror(errno));
			io = true;
		} else {
			program_load_text_at(p, s->name, s->dir, text, len);
			free(text);
		}
	} else if (s->path) {
		io = !program_load_file(p, s->path);
	}
	program_check(p);
	if (p->diags.errors)
		*rc = io ? EXIT_IO : EXIT_INPUT;
	return p;
}

/* ---- comparing two versions ------------------------------------------------------ */

typedef struct outcome {
	dr_totals totals;
	int rc;             /* worst error: EXIT_OK, EXIT_INPUT or EXIT_IO */
	bool first;         /* JSON: no file written yet */
} outcome;

static void render(const options *o, program *p, FILE *to)
{
	if (to == stderr) {
		cli_render(p, &o->common, true);
		return;
	}
	/* git: into the diff, where the reader sees it */
	diag_render(&p->diags, &p->srcs, to, false);
	fprintf(to, "rubric: %zu error%s, %zu warning%s\n", p->diags.errors,
		p->diags.errors == 1 ? "" : "s", p->diags.warnings,
		p->diags.warnings == 1 ? "" : "s");
}

static bool declares(const program *p, const char *dataset)
{
	for (size_t i = 0; i < p->model->datasets.len; i++)
		if (!strcmp(((const m_dataset *)p->model->datasets.items[i])->name.s, dataset))
			return true;
	return false;
}

/* Evaluates a checked program on the data; *rc EXIT_OK, EXIT_INPUT or
 * EXIT_IO.  The diagnostics are rendered as eval renders them.  Each
 * version reads the bound datasets it declares, so that a dataset only one
 * version has can be bound; one that neither declares is given to both,
 * which report it (unknown-data). */
static void run_eval(const options *o, program *p, const program *other,
		     eval_result *r, int *rc)
{
	eval_binding *mine = calloc(o->in.ndata + 1, sizeof *mine);
	if (!mine) {
		fputs("rubric: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	eval_options eo = {0};
	for (size_t i = 0; i < o->in.ndata; i++)
		if (declares(p, o->in.data[i].name) || !declares(other, o->in.data[i].name))
			mine[eo.ndata++] = o->in.data[i];
	eo.data = mine;
	eo.has_as_of = o->in.has_as_of;
	cli_eval_threads(&o->in, &eo);
	eo.as_of = o->in.as_of;
	eo.rejects_path = "rejected-rows.csv"; /* never written: no skipping */
	int erc = eval_run(p, &eo, r);
	free(mine);
	*rc = erc == EVAL_OK ? EXIT_OK : erc == EVAL_IO_ERRORS ? EXIT_IO : EXIT_INPUT;
	if (p->diags.items.len)
		cli_render(p, &o->common, *rc != EXIT_OK);
}

static void compare(const options *o, const side *os, const side *ns,
		    const char *old_name, const char *new_name, outcome *out)
{
	arena *a = arena_new();
	if (!a) {
		fputs("rubric: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	int orc, nrc;
	program *op = load_side(o, os, &orc);
	program *np = load_side(o, ns, &nrc);
	FILE *diags_to = o->git && !o->quiet && !o->json ? stdout : stderr;
	dr_file f = {0};
	f.old_name = old_name;
	f.new_name = new_name;
	f.inputs = &o->in;
	diff_result d;
	impact_result im;
	eval_result ro = {0}, rn = {0};
	if (orc || nrc) {
		f.error = orc && nrc ? "neither version checks: no semantic diff"
			: orc ? "the old version does not check: no semantic diff"
			: "the new version does not check: no semantic diff";
		/* git: the file's header and the message, then why */
		if (diags_to == stdout)
			dr_text_file(stdout, a, &f, out->first);
		fflush(stdout);
		if (orc)
			render(o, op, diags_to);
		if (nrc)
			render(o, np, diags_to);
		/* git goes on to the next file after a version with errors. */
		worse(&out->rc, o->git && orc != EXIT_IO && nrc != EXIT_IO ? EXIT_OK
		      : orc == EXIT_IO || nrc == EXIT_IO ? EXIT_IO : EXIT_INPUT);
	} else {
		f.op = op;
		f.np = np;
		diff_programs(a, op, np, &d);
		f.diff = &d;
		out->totals.added += d.added;
		out->totals.removed += d.removed;
		out->totals.changed += d.changed;
		if (o->in.ndata) {
			/* The new version is not run when the old one fails: the
			 * same data would give the same messages twice. */
			int erc, erc2 = EXIT_OK;
			run_eval(o, op, np, &ro, &erc);
			if (erc == EXIT_OK)
				run_eval(o, np, op, &rn, &erc2);
			if (erc == EXIT_OK && erc2 == EXIT_OK) {
				impact_compare(a, &ro, &rn, &im);
				f.impact = &im;
			} else {
				worse(&out->rc, erc);
				worse(&out->rc, erc2);
				f.impact_error = erc ? "the old version could not be evaluated "
						       "(see the messages)"
						     : "the new version could not be evaluated "
						       "(see the messages)";
			}
		}
	}
	out->totals.files++;
	if (!o->quiet && !(f.error && diags_to == stdout)) {
		if (o->json)
			dr_json_file(stdout, a, &f, out->first);
		else
			dr_text_file(stdout, a, &f, out->first);
	}
	out->first = false;
	eval_result_free(&ro);
	eval_result_free(&rn);
	program_free(op);
	program_free(np);
	arena_free(a);
}

/* ---- folders ------------------------------------------------------------------- */

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .rubric files under root, as paths relative to it (malloc'd). */
static bool list_rubric(const char *root, const char *rel, char ***files, size_t *n,
			size_t *cap)
{
	char *dir = rel[0] ? malloc(strlen(root) + strlen(rel) + 2) : strdup(root);
	if (!dir)
		return false;
	if (rel[0])
		sprintf(dir, "%s/%s", root, rel);
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "rubric: cannot read '%s': %s\n", dir, strerror(errno));
		free(dir);
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* ., .. and hidden files such as .git */
		size_t rl = strlen(rel), nl = strlen(e->d_name);
		char *sub = malloc(rl + nl + 2);
		if (!sub) {
			ok = false;
			break;
		}
		sprintf(sub, "%s%s%s", rel, rl ? "/" : "", e->d_name);
		char *full = malloc(strlen(root) + strlen(sub) + 2);
		if (!full) {
			free(sub);
			ok = false;
			break;
		}
		sprintf(full, "%s/%s", root, sub);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			ok = list_rubric(root, sub, files, n, cap);
			free(sub);
		} else if (nl > 7 && strcmp(e->d_name + nl - 7, ".rubric") == 0) {
			if (*n == *cap) {
				size_t c2 = *cap ? *cap * 2 : 16;
				char **t = realloc(*files, c2 * sizeof *t);
				if (!t) {
					free(sub);
					free(full);
					ok = false;
					break;
				}
				*files = t;
				*cap = c2;
			}
			(*files)[(*n)++] = sub;
		} else {
			free(sub);
		}
		free(full);
	}
	closedir(d);
	free(dir);
	return ok;
}

/* The real paths of the files that the files of the list include (those
 * read along with another file), malloc'd. */
static void included_files(const options *o, const char *root, char **files,
			   size_t n, char ***out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		char *path = malloc(strlen(root) + strlen(files[i]) + 2);
		program *p = path ? program_new() : NULL;
		if (!p) {
			free(path);
			return;
		}
		sprintf(path, "%s/%s", root, files[i]);
		p->diags.max_errors = o->common.max_errors;
		program_load_file(p, path);
		free(path);
		/* srcs: 0 none, 1 the file itself, then what it includes */
		for (size_t f = 2; f < p->srcs.len; f++) {
			const src_file *sf = p->srcs.files[f];
			if (!sf->path)
				continue; /* a stdlib module */
			if (*nout == cap) {
				size_t c2 = cap ? cap * 2 : 8;
				char **t = realloc(*out, c2 * sizeof *t);
				if (!t)
					break;
				*out = t;
				cap = c2;
			}
			char *k = strdup(sf->path);
			if (k)
				(*out)[(*nout)++] = k;
		}
		program_free(p);
	}
}

/* Whether root/rel is one of the included files. */
static bool is_included(const char *root, const char *rel, char **inc, size_t n)
{
	char key[PATH_MAX];
	char *path = malloc(strlen(root) + strlen(rel) + 2);
	if (!path)
		return false;
	sprintf(path, "%s/%s", root, rel);
	char *r = realpath(path, key);
	free(path);
	for (size_t i = 0; r && i < n; i++)
		if (strcmp(inc[i], key) == 0)
			return true;
	return false;
}

static void free_list(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

/* Two folders: each .rubric file with its namesake, by relative path; a
 * file on one side only against nothing.  A file that another file of its
 * folder includes is compared as part of that one, not on its own. */
static int compare_folders(const options *o, const char *old_dir, const char *new_dir,
			   outcome *out)
{
	char **of = NULL, **nf = NULL;
	size_t on = 0, nn = 0, oc = 0, nc = 0;
	if (!list_rubric(old_dir, "", &of, &on, &oc) ||
	    !list_rubric(new_dir, "", &nf, &nn, &nc)) {
		free_list(of, on);
		free_list(nf, nn);
		return EXIT_IO;
	}
	qsort(of, on, sizeof *of, cmp_cstr);
	qsort(nf, nn, sizeof *nf, cmp_cstr);
	char **oi, **ni;
	size_t oin, nin;
	included_files(o, old_dir, of, on, &oi, &oin);
	included_files(o, new_dir, nf, nn, &ni, &nin);
	size_t i = 0, j = 0;
	while (i < on || j < nn) {
		int c = i >= on ? 1 : j >= nn ? -1 : strcmp(of[i], nf[j]);
		const char *rel = c <= 0 ? of[i] : nf[j];
		bool in_old = c <= 0, in_new = c >= 0;
		if (!(in_old && is_included(old_dir, rel, oi, oin)) &&
		    !(in_new && is_included(new_dir, rel, ni, nin))) {
			char *op = in_old ? malloc(strlen(old_dir) + strlen(rel) + 2) : NULL;
			char *np = in_new ? malloc(strlen(new_dir) + strlen(rel) + 2) : NULL;
			if ((in_old && !op) || (in_new && !np)) {
				free(op);
				free(np);
				free_list(of, on);
				free_list(nf, nn);
				free_list(oi, oin);
				free_list(ni, nin);
				return EXIT_IO;
			}
			if (op)
				sprintf(op, "%s/%s", old_dir, rel);
			if (np)
				sprintf(np, "%s/%s", new_dir, rel);
			side os = {op, NULL, NULL}, ns = {np, NULL, NULL};
			compare(o, &os, &ns, op ? op : "/dev/null", np ? np : "/dev/null", out);
			free(op);
			free(np);
		}
		if (in_old)
			i++;
		if (in_new)
			j++;
	}
	free_list(of, on);
	free_list(nf, nn);
	free_list(oi, oin);
	free_list(ni, nin);
	return EXIT_OK;
}

/* ---- git's external diff ------------------------------------------------------ */

/* The directory of a path, with a trailing '/', or "". */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path + 1) : 0;
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, path, n);
		d[n] = '\0';
	}
	return d;
}

/* git calls the driver with 7 arguments (path old-file old-hex old-mode
 * new-file new-hex new-mode), 9 for a rename (new-path and the rename
 * details follow), and 1 for an unmerged path.  The old file is a temporary
 * copy, so both are read under their names in the repository, with
 * includes found beside the path in the working tree. */
static int compare_git(const options *o, outcome *out)
{
	char **v = o->operands;
	if (o->noperands == 1) {
		if (!o->quiet && o->json)
			dr_json_begin(stdout, v[0], v[0]);
		else if (!o->quiet)
			printf("* Unmerged path %s\n", v[0]);
		return EXIT_OK;
	}
	if (o->noperands != 7 && o->noperands != 9)
		return cli_usage_error("diff", "--git takes the 7 or 9 arguments git "
				       "passes to a diff driver, or 1", NULL);
	const char *old_path = v[0], *new_path = o->noperands == 9 ? v[7] : v[0];
	bool old_none = strcmp(v[1], "/dev/null") == 0;
	bool new_none = strcmp(v[4], "/dev/null") == 0;
	char *old_name = old_none ? strdup("/dev/null") : malloc(strlen(old_path) + 3);
	char *new_name = new_none ? strdup("/dev/null") : malloc(strlen(new_path) + 3);
	char *old_dir = dir_of(old_path), *new_dir = dir_of(new_path);
	int rc = EXIT_OK;
	if (!old_name || !new_name || !old_dir || !new_dir) {
		fputs("rubric: out of memory\n", stderr);
		rc = EXIT_IO;
	} else {
		if (!old_none)
			sprintf(old_name, "a/%s", old_path);
		if (!new_none)
			sprintf(new_name, "b/%s", new_path);
		if (o->json && !o->quiet)
			dr_json_begin(stdout, old_name, new_name);
		side os = {old_none ? NULL : v[1], old_name, old_dir};
		side ns = {new_none ? NULL : v[4], new_name, new_dir};
		compare(o, &os, &ns, old_name, new_name, out);
	}
	free(old_name);
	free(new_name);
	free(old_dir);
	free(new_dir);
	return rc;
}

/* ---- the command --------------------------------------------------------------- */

/* diff's own options: the eval inputs, --format, --git, -q. */
static int diff_option(void *ud, int argc, char **argv, int *i)
{
	options *o = ud;
	const char *a = argv[*i];
	int took = cli_eval_option(&o->in, "diff", argc, argv, i);
	if (took)
		return took;
	if (!strcmp(a, "--format")) {
		if (*i + 1 >= argc) {
			cli_usage_error("diff", "a value must follow", a);
			return -1;
		}
		const char *v = argv[++*i];
		if (!strcmp(v, "json")) {
			o->json = true;
		} else if (strcmp(v, "text") != 0) {
			cli_usage_error("diff", "the formats are text and json, not", v);
			return -1;
		}
	} else if (!strcmp(a, "--git")) {
		o->git = true;
	} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		o->quiet = true;
	} else {
		return 0;
	}
	return 1;
}

static int parse(options *o, int argc, char **argv)
{
	o->operands = calloc((size_t)argc + 1, sizeof *o->operands);
	if (!o->operands || !cli_eval_inputs_init(&o->in, argc)) {
		fputs("rubric: out of memory\n", stderr);
		return EXIT_IO;
	}
	int arc = cli_args("diff", usage, &o->common, argc, argv, diff_option, o,
			   o->operands, &o->noperands);
	if (arc != EXIT_OK)
		return arc;
	if (!o->git && o->noperands != 2)
		return cli_usage_error("diff", o->noperands < 2
				       ? "diff needs two versions, OLD and NEW"
				       : "diff compares two versions, OLD and NEW; too many "
					 "arguments", NULL);
	if (o->in.has_as_of && !o->in.ndata)
		return cli_usage_error("diff", "--as-of goes with --data", NULL);
	return EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
	options o = {0};
	o.common.max_errors = DIAG_DEFAULT_MAX_ERRORS;
	o.common.color = -1;
	int rc = parse(&o, argc, argv);
	outcome out = {{0}, EXIT_OK, true};
	if (rc == EXIT_OK && o.git) {
		rc = compare_git(&o, &out);
	} else if (rc == EXIT_OK) {
		const char *old_path = o.operands[0], *new_path = o.operands[1];
		struct stat so, sn;
		if (stat(old_path, &so) != 0 || stat(new_path, &sn) != 0) {
			const char *bad = stat(old_path, &so) != 0 ? old_path : new_path;
			fprintf(stderr, "rubric: cannot read '%s': %s\n", bad, strerror(errno));
			rc = EXIT_IO;
		} else if (S_ISDIR(so.st_mode) != S_ISDIR(sn.st_mode)) {
			rc = cli_usage_error("diff", "OLD and NEW must be two files or two "
					     "folders", NULL);
		} else if (S_ISDIR(so.st_mode) && o.in.ndata) {
			rc = cli_usage_error("diff", "--data evaluates two rule sets: give "
					     "two files, not folders", NULL);
		} else {
			if (o.json && !o.quiet)
				dr_json_begin(stdout, old_path, new_path);
			if (S_ISDIR(so.st_mode)) {
				rc = compare_folders(&o, old_path, new_path, &out);
			} else {
				side os = {old_path, NULL, NULL}, ns = {new_path, NULL, NULL};
				compare(&o, &os, &ns, old_path, new_path, &out);
			}
		}
	}
	if (rc == -1) {
		rc = EXIT_OK; /* --help */
	} else if (rc == EXIT_OK || (rc == EXIT_IO && out.totals.files)) {
		if (!o.quiet) {
			if (o.json)
				dr_json_end(stdout, &out.totals);
			else if (out.totals.files > 1) {
				fputc('\n', stdout);
				dr_text_totals(stdout, &out.totals);
			}
		}
		worse(&rc, out.rc);
		if (rc == EXIT_OK && !o.git &&
		    out.totals.added + out.totals.removed + out.totals.changed)
			rc = EXIT_DIFFERENT;
	}
	cli_eval_inputs_free(&o.in);
	free(o.operands);
	return rc;
}
