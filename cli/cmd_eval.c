/* cmd_eval.c - rubric eval: score data against the rules and report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "report.h"

static const char usage[] =
	"usage: rubric eval [OPTION]... FILE...\n"
	"\n"
	"Checks the rule files, reads the datasets they declare, runs every\n"
	"assessment, scorecard and rule, and reports the results.\n"
	"\n"
	"options:\n"
	"  --data NAME=PATH  read dataset NAME from the CSV file PATH (repeatable;\n"
	"                    else the 'path' declared for it, beside its rule file)\n"
	"  --format FORMAT   text (default), json or csv\n"
	"  --table TABLE     the CSV table: " REPORT_TABLES "\n"
	"                    (default: scores; else measures, certifications\n"
	"                    or matches, the first the rules have)\n"
	"  --assessment NAME the assessment to report when there are several\n"
	"  --as-of DATE      the date of the evaluation (YYYY-MM-DD): scorecard\n"
	"                    targets and certifications are judged then (required\n"
	"                    for certifications), and rules read it as 'as_of';\n"
	"                    scorecards default to the end of the last period with\n"
	"                    a known value\n"
	"  -o FILE           write the report to FILE, whole or not at all; a CSV\n"
	"                    table gets its provenance beside it, in\n"
	"                    FILE.provenance.json\n"
	"  --provenance FILE write the provenance (rule files and data files with\n"
	"                    their SHA-256, options, versions) to FILE as JSON\n"
	"  --skip-bad-rows   reject bad data rows and go on, instead of failing\n"
	"  --rejects FILE    where rejected rows go with their reasons\n"
	"                    (default rejected-rows.csv)\n"
	"  --max-errors N    list at most N problems (default 50; 0: all)\n"
	"  --threads N       threads at once (default: one per core, at most 2);\n"
	"                    the output is the same whatever N\n"
	"  --color WHEN      colour: auto (default), always, never\n"
	"  -h, --help        show this help\n"
	"\n"
	"Numbers are exact; text rounds as the rules declare (default 2 places,\n"
	"half_even), CSV and JSON to 4 places (JSON also gives exact values).\n"
	"\n"
	"exit codes: 0 success, 1 rule errors, 2 usage, 3 data errors, 4 I/O.\n";

static const char usage_explain[] =
	"usage: rubric explain [OPTION]... FILE...\n"
	"\n"
	"Evaluates the rules like 'rubric eval' and explains one result, step by\n"
	"step, with the rule (file:line) behind each step: the rows used and\n"
	"withheld, the weights and how they were renormalised, each intermediate\n"
	"value, the rounding, the comparison with the requirement or target, and\n"
	"for an unmet one the smallest change that would meet it.\n"
	"\n"
	"what to explain:\n"
	"  --subject ID        a subject's scores and certifications\n"
	"  --competency NAME   with --subject: only this competency's score\n"
	"  --certification C   with --subject: only this certification\n"
	"  --assessment NAME   with --subject: only this assessment\n"
	"  --measure NAME      a scorecard measure (MEASURE or CARD.MEASURE)\n"
	"\n"
	"options: --data NAME=PATH, --as-of DATE, --format text|json,\n"
	"--skip-bad-rows (the rows rejected are listed; --rejects FILE writes\n"
	"them too), --threads N, --max-errors N, --color WHEN (as for eval),\n"
	"-h, --help\n";

static const char usage_graph[] =
	"usage: rubric graph [OPTION]... FILE...\n"
	"\n"
	"Evaluates the rules like 'rubric eval' and prints each scorecard's\n"
	"strategy map in Graphviz DOT: perspectives as ranks from bottom to top,\n"
	"objectives as boxes coloured by status (green met or on track, amber at\n"
	"risk, red not met, grey no data), cause-and-effect links as edges.\n"
	"Render it with: rubric graph rules.rubric | dot -Tsvg > map.svg\n"
	"\n"
	"The provenance (rule files and data files with their SHA-256, options,\n"
	"versions) comes first, as '//' comments.\n"
	"\n"
	"options: --data NAME=PATH, --as-of DATE, --threads N, --max-errors N,\n"
	"--color WHEN (as for eval), -h, --help\n";

/* Writes the report to stdout, or to path whole or not at all; with
 * prov_path, the provenance too, whole or not at all, put in place just
 * before the report once the report is known to be written. */
static int write_report(const char *path, const char *prov_path,
			const eval_result *r, const report_options *ro)
{
	const char *err = NULL;
	outfile out = {0}, prov = {0};
	FILE *f = stdout;
	if (path) {
		if (!outfile_open(&out, path)) {
			fprintf(stderr, "rubric: cannot write '%s': %s\n", path,
				strerror(errno));
			return EXIT_IO;
		}
		f = out.f;
	}
	if (!report_write(f, r, ro, &err)) {
		outfile_abort(&out);
		return cli_usage_error("eval", err, NULL);
	}
	/* Know now, before anything is committed, that it was written. */
	if (fflush(f) != 0 || ferror(f)) {
		if (!path)
			return EXIT_IO; /* main says so */
		fprintf(stderr, "rubric: cannot write '%s': %s\n", path, strerror(errno));
		outfile_abort(&out);
		return EXIT_IO;
	}
	if (prov_path) {
		/* The report's own digest ties the two files together. */
		report_ref ref = {path, false, {0}};
		if (path)
			ref.has_sha256 = digest_file(out.tmp, ref.sha256);
		if (!outfile_open(&prov, prov_path)) {
			fprintf(stderr, "rubric: cannot write '%s': %s\n", prov_path,
				strerror(errno));
			outfile_abort(&out);
			return EXIT_IO;
		}
		report_provenance(prov.f, r, ro, &ref);
		if (!outfile_commit(&prov)) {
			fprintf(stderr, "rubric: cannot write '%s': %s\n", prov_path,
				strerror(errno));
			outfile_abort(&out);
			return EXIT_IO;
		}
	}
	if (path && !outfile_commit(&out)) {
		fprintf(stderr, "rubric: cannot write '%s': %s\n", path, strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* An output must not be one of the inputs: a rule file or a data file. */
static bool overwrites_input(const char *out, program *p, const eval_result *r)
{
	for (size_t i = 1; i < p->srcs.len; i++) {
		const src_file *f = p->srcs.files[i];
		if (f->path && outfile_same(out, f->path)) {
			fprintf(stderr, "rubric: '%s' is the rule file '%s': it would be "
				"overwritten\n", out, f->name);
			return true;
		}
	}
	for (size_t i = 0; i < p->model->datasets.len; i++)
		if (r->opened[i] && outfile_same(out, r->opened[i])) {
			fprintf(stderr, "rubric: '%s' is the data file of '%s': it would "
				"be overwritten\n", out,
				((m_dataset *)p->model->datasets.items[i])->name.s);
			return true;
		}
	return false;
}

typedef enum mode { MODE_EVAL, MODE_GRAPH, MODE_EXPLAIN } mode;

/* Puts the rejects file in place and says how many rows went there (or,
 * for explain without --rejects, only how many were rejected). */
static int commit_rejects(eval_result *r, const program *p, const eval_options *eo)
{
	if (!eval_commit_rejects(r)) {
		fprintf(stderr, "rubric: cannot write '%s': %s\n", eo->rejects_path,
			strerror(errno));
		return EXIT_IO;
	}
	if (!eo->skip_bad_rows)
		return EXIT_OK;
	size_t rejected = 0;
	for (size_t i = 0; i < p->model->datasets.len; i++)
		rejected += r->stats[i].rejected;
	fprintf(stderr, "rubric: %zu row%s rejected%s%s\n", rejected,
		rejected == 1 ? "" : "s", eo->rejects_path ? ", written to " : "",
		eo->rejects_path ? eo->rejects_path : "");
	return EXIT_OK;
}

static int run(int argc, char **argv, mode how);

int cmd_eval(int argc, char **argv)
{
	return run(argc, argv, MODE_EVAL);
}

/* rubric graph: the same inputs as eval, the strategy maps as DOT. */
int cmd_graph(int argc, char **argv)
{
	return run(argc, argv, MODE_GRAPH);
}

/* rubric explain: the same inputs as eval, one result's derivation. */
int cmd_explain(int argc, char **argv)
{
	return run(argc, argv, MODE_EXPLAIN);
}

static int run(int argc, char **argv, mode how)
{
	bool graph = how == MODE_GRAPH, explain = how == MODE_EXPLAIN;
	explain_query query = {0};
	const char *cmd = graph ? "graph" : explain ? "explain" : "eval";
	cli_common common = {DIAG_DEFAULT_MAX_ERRORS, -1};
	cli_eval_inputs in;
	bool in_ok = cli_eval_inputs_init(&in, argc);
	eval_options eo = {0};
	report_options ro = {0};
	const char *output = NULL, *provenance = NULL;
	char *companion = NULL; /* FILE.provenance.json, beside a CSV -o FILE */
	bool rejects_given = false;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, rc = EXIT_OK;
	if (!in_ok || !files) {
		cli_eval_inputs_free(&in);
		free(files);
		return EXIT_IO;
	}
	ro.version = RUBRIC_VERSION;
	eo.rejects_path = "rejected-rows.csv";
	for (int i = 0; i < argc && rc == EXIT_OK; i++) {
		const char *a = argv[i];
		int took = cli_common_option(&common, cmd, argc, argv, &i);
		if (took < 0) {
			rc = EXIT_USAGE;
			break;
		}
		if (took)
			continue;
		took = cli_eval_option(&in, "eval", argc, argv, &i);
		if (took < 0) {
			rc = EXIT_USAGE;
			break;
		}
		if (took)
			continue;
		bool has_value = i + 1 < argc;
		const char *v = has_value ? argv[i + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(graph ? usage_graph : explain ? usage_explain : usage, stdout);
			cli_eval_inputs_free(&in);
			free(files);
			return EXIT_OK;
		} else if (!strcmp(a, "--format") || !strcmp(a, "--table") ||
			   !strcmp(a, "--assessment") || !strcmp(a, "-o") ||
			   !strcmp(a, "--rejects") || !strcmp(a, "--provenance") ||
			   (explain && (!strcmp(a, "--subject") ||
			    !strcmp(a, "--competency") || !strcmp(a, "--certification") ||
			    !strcmp(a, "--measure")))) {
			if (!has_value) {
				rc = cli_usage_error(cmd, "a value must follow", a);
				break;
			}
			i++;
			if (!strcmp(a, "--subject")) {
				query.subject = v;
			} else if (!strcmp(a, "--competency")) {
				query.competency = v;
			} else if (!strcmp(a, "--certification")) {
				query.certification = v;
			} else if (!strcmp(a, "--measure")) {
				query.measure = v;
			} else if (!strcmp(a, "--format")) {
				if (!strcmp(v, "text"))
					ro.format = REPORT_TEXT;
				else if (!strcmp(v, "json"))
					ro.format = REPORT_JSON;
				else if (!strcmp(v, "csv"))
					ro.format = REPORT_CSV;
				else
					rc = cli_usage_error(cmd, "the formats are text, json "
							     "and csv, not", v);
			} else if (!strcmp(a, "--table")) {
				ro.table = v;
			} else if (!strcmp(a, "--assessment")) {
				ro.assessment = v;
				query.assessment = v;
			} else if (!strcmp(a, "-o")) {
				output = v;
			} else if (!strcmp(a, "--provenance")) {
				provenance = v;
			} else {
				eo.rejects_path = v;
				rejects_given = true;
			}
		} else if (!strcmp(a, "--skip-bad-rows")) {
			eo.skip_bad_rows = true;
		} else if (!strcmp(a, "--")) {
			while (++i < argc)
				files[nfiles++] = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			rc = cli_usage_error(cmd, "unknown option", a);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (rc == EXIT_OK && nfiles == 0)
		rc = cli_usage_error(cmd, "no rule files given", NULL);
	if (rc == EXIT_OK && ro.table && ro.format != REPORT_CSV)
		rc = cli_usage_error(cmd, "--table goes with --format csv", NULL);
	if (rc == EXIT_OK && rejects_given && !eo.skip_bad_rows)
		rc = cli_usage_error(cmd, "--rejects goes with --skip-bad-rows", NULL);
	if (rc == EXIT_OK && output && eo.skip_bad_rows &&
	    (!strcmp(output, eo.rejects_path) || outfile_same(output, eo.rejects_path)))
		rc = cli_usage_error(cmd, "the report and the rejected rows need two "
				     "different files, not", output);
	if (rc == EXIT_OK && explain && !query.subject && !query.measure)
		rc = cli_usage_error("explain", "say what to explain: --subject ID "
				     "or --measure NAME", NULL);
	if (rc == EXIT_OK && explain && (query.competency || query.certification) && !query.subject)
		rc = cli_usage_error("explain", "--competency and --certification go "
				     "with --subject", NULL);
	if (rc == EXIT_OK && explain && (ro.table || ro.format == REPORT_CSV ||
					 output || provenance))
		rc = cli_usage_error("explain", "explain writes text or JSON to standard "
				     "output; -o, --table, csv and --provenance are for "
				     "eval", NULL);
	/* explain lists the rows rejected; it writes no rejects file unless
	 * asked. */
	if (explain && !rejects_given)
		eo.rejects_path = NULL;
	if (rc == EXIT_OK && graph && (output || ro.table || ro.format != REPORT_TEXT ||
				      eo.skip_bad_rows || provenance))
		rc = cli_usage_error("graph", "graph writes DOT to standard output; "
				     "-o, --format, --table, --skip-bad-rows and "
				     "--provenance are for eval", NULL);
	/* A CSV table has no place for its provenance: written to a file, it
	 * gets a companion beside it (see docs/output.md). */
	if (rc == EXIT_OK && !provenance && output && ro.format == REPORT_CSV) {
		companion = malloc(strlen(output) + sizeof ".provenance.json");
		if (!companion)
			rc = EXIT_IO;
		else
			provenance = strcat(strcpy(companion, output), ".provenance.json");
	}
	if (rc == EXIT_OK && provenance && output &&
	    (!strcmp(provenance, output) || outfile_same(provenance, output)))
		rc = cli_usage_error(cmd, "the report and its provenance need two "
				     "different files, not", provenance);
	if (rc == EXIT_OK && provenance && eo.skip_bad_rows &&
	    (!strcmp(provenance, eo.rejects_path) ||
	     outfile_same(provenance, eo.rejects_path)))
		rc = cli_usage_error(cmd, "the provenance and the rejected rows need "
				     "two different files, not", provenance);
	if (rc != EXIT_OK) {
		cli_eval_inputs_free(&in);
		free(files);
		free(companion);
		return rc;
	}
	eo.data = in.data;
	eo.ndata = in.ndata;
	eo.has_as_of = in.has_as_of;
	cli_eval_threads(&in, &eo);
	eo.as_of = in.as_of;

	program *p = cli_load(&common, files, nfiles, &rc);
	eval_result result = {0};
	eo.keep_ratings = explain;
	eo.keep_subject = explain ? query.subject : NULL;
	eo.keep_rejects = explain;
	if (rc == EXIT_OK) {
		int erc = eval_run(p, &eo, &result);
		rc = erc == EVAL_OK ? EXIT_OK : erc == EVAL_IO_ERRORS ? EXIT_IO : EXIT_DATA;
	}
	cli_render(p, &common, rc != EXIT_OK);
	ro.rule_files = (const char *const *)files;
	ro.nrule_files = (size_t)nfiles;
	if (rc == EXIT_OK && graph) {
		if (result.ncards == 0)
			rc = cli_usage_error("graph", "the rules declare no scorecard", NULL);
		else
			report_graph(stdout, &result, &ro);
	} else if (rc == EXIT_OK && explain) {
		const char *err = NULL;
		ro.color = ro.format == REPORT_TEXT && cli_color(&common, STDOUT_FILENO);
		if (!report_explain(stdout, &result, &query, &ro, &err))
			rc = cli_usage_error("explain", err, NULL);
		else if (fflush(stdout) != 0 || ferror(stdout))
			rc = EXIT_IO;
		/* --rejects FILE: the rows rejected, as eval writes them */
		if (rc == EXIT_OK)
			rc = commit_rejects(&result, p, &eo);
	} else if (rc == EXIT_OK && ((output && overwrites_input(output, p, &result)) ||
				     (provenance && overwrites_input(provenance, p, &result)))) {
		rc = EXIT_USAGE;
	} else if (rc == EXIT_OK) {
		ro.color = ro.format == REPORT_TEXT && !output &&
			   cli_color(&common, STDOUT_FILENO);
		rc = write_report(output, provenance, &result, &ro);
		/* The rejects file goes in place only with a complete report. */
		if (rc == EXIT_OK)
			rc = commit_rejects(&result, p, &eo);
	}
	eval_result_free(&result);
	program_free(p);
	cli_eval_inputs_free(&in);
	free(files);
	free(companion);
	return rc;
}
