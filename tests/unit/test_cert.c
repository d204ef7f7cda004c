/*
 * test_cert.c - unit tests for certifications (runtime/cert.c): every kind
 * of requirement and every date edge of docs/certifications.md, through a
 * whole run (program text + small CSV files + an as-of date), asserting on
 * the status, the dates and the failing requirements of each subject.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "program.h"

/* ---- harness ---------------------------------------------------------------- */

/* The datasets every test shares: staff, exams, training. */
static const char *const DATA =
	"data staff { key id; column hired date }\n"
	"data exams {\n"
	"  column person -> staff\n"
	"  column exam in (a, b)\n"
	"  column score percent in 0%..100%\n"
	"  column taken date\n"
	"}\n"
	"data training {\n"
	"  column person -> staff\n"
	"  column hours number\n"
	"  column kind in (law, ethics)\n"
	"  column done date\n"
	"}\n";

typedef struct run {
	program *p;
	eval_result r;
	char paths[3][64];
	int rc;
} run;

static void write_file(char *path, const char *text)
{
	strcpy(path, "/tmp/rubric-test-cert-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

/* Runs `rules` (after DATA) over the CSV texts as of `as_of`. */
static run *start(const char *rules, const char *staff, const char *exams,
		  const char *training, const char *as_of)
{
	run *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->p = program_new();
	char *text = malloc(strlen(DATA) + strlen(rules) + 1);
	strcpy(text, DATA);
	strcat(text, rules);
	assert_true(program_load_text(t->p, "t.rubric", text, strlen(text)));
	free(text);
	if (!program_check(t->p)) {
		for (size_t i = 0; i < t->p->diags.items.len; i++)
			print_error("%s\n", ((diag *)t->p->diags.items.items[i])->message);
		fail_msg("the rules do not check");
	}
	write_file(t->paths[0], staff);
	write_file(t->paths[1], exams ? exams : "person,exam,score,taken\n");
	write_file(t->paths[2], training ? training : "person,hours,kind,done\n");
	eval_binding b[] = {{"staff", t->paths[0], NULL}, {"exams", t->paths[1], NULL},
			    {"training", t->paths[2], NULL}};
	eval_options o = {0};
	o.data = b;
	o.ndata = 3;
	int y, m, d;
	assert_int_equal(sscanf(as_of, "%d-%d-%d", &y, &m, &d), 3);
	o.has_as_of = true;
	o.as_of = cal_from_ymd(y, m, d);
	t->rc = eval_run(t->p, &o, &t->r);
	if (t->rc)
		for (size_t i = 0; i < t->p->diags.items.len; i++)
			print_error("%s\n", ((diag *)t->p->diags.items.items[i])->message);
	assert_int_equal(t->rc, 0);
	return t;
}

static void finish(run *t)
{
	eval_result_free(&t->r);
	program_free(t->p);
	for (int i = 0; i < 3; i++)
		unlink(t->paths[i]);
	free(t);
}

/* The result of subject `id` for certification `cert`. */
static const cert_subject *subject(run *t, const char *cert, const char *id)
{
	for (size_t i = 0; i < t->r.ncerts; i++) {
		const cert_result *c = &t->r.certs[i];
		if (strcmp(c->cert->name.s, cert))
			continue;
		int32_t row = table_find(c->subjects, id, strlen(id));
		assert_true(row >= 0);
		return &c->subj[row];
	}
	fail_msg("no certification %s", cert);
	return NULL;
}

static num frac(int64_t n, int64_t d)
{
	num r;
	assert_int_equal(num_make(n, d, &r), NUM_OK);
	return r;
}

static cal_date day(const char *s)
{
	int y, m, d;
	assert_int_equal(sscanf(s, "%d-%d-%d", &y, &m, &d), 3);
	return cal_from_ymd(y, m, d);
}

static void assert_status(const cert_subject *s, cert_status want)
{
	if (s->status != want)
		fail_msg("status '%s', expected '%s'", cert_status_name((cert_status)s->status),
			 cert_status_name(want));
}

/* The failure of the requirement named `name`, or NULL. */
static const cert_failure *failure(const cert_subject *s, const char *name)
{
	for (uint32_t i = 0; i < s->nfailures; i++)
		if (!strcmp(s->failures[i].clause->name.s, name))
			return &s->failures[i];
	return NULL;
}

static const char *const TWO_EXAMS =
	"certification agent {\n"
	"  subjects staff\n"
	"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
	"  exam b { score exams.score where exam = \"b\"; pass 80% }\n"
	"  valid 2 years\n"
	"}\n";

/* ---- exams -------------------------------------------------------------------- */

static void exactly_80_passes_79_5_fails(void **state)
{
	(void)state;
	run *t = start(TWO_EXAMS, "id,hired\nP1,2020-01-01\nP2,2020-01-01\n",
		       "person,exam,score,taken\n"
		       "P1,a,80%,2024-01-10\nP1,b,80.0%,2024-01-12\n"
		       "P2,a,79.5%,2024-01-10\nP2,b,100%,2024-01-12\n", NULL, "2024-06-30");
	const cert_subject *p1 = subject(t, "agent", "P1"), *p2 = subject(t, "agent", "P2");
	assert_status(p1, CERT_CERTIFIED);
	assert_int_equal(p1->since, day("2024-01-12")); /* the last exam completes it */
	assert_int_equal(p1->expires, day("2026-01-12"));
	assert_status(p2, CERT_NOT_CERTIFIED);
	assert_int_equal(p2->nfailures, 1);
	const cert_failure *f = failure(p2, "a");
	assert_non_null(f);
	assert_int_equal(f->why, WHY_BELOW);
	assert_true(num_eq(f->seen, frac(795, 1000)));   /* no hidden rounding */
	assert_true(num_eq(f->required, frac(8, 10)));
	finish(t);
}

static void attempts_after_the_limit_do_not_count(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80%; attempts 3 }\n"
		       "}\n",
		       "id,hired\nP1,2020-01-01\nP2,2020-01-01\n",
		       "person,exam,score,taken\n"
		       "P1,a,50%,2024-01-01\nP1,a,60%,2024-02-01\nP1,a,70%,2024-03-01\n"
		       "P1,a,90%,2024-04-01\n"
		       "P2,a,50%,2024-01-01\nP2,a,60%,2024-02-01\nP2,a,85%,2024-03-01\n",
		       NULL, "2024-06-30");
	const cert_subject *p1 = subject(t, "agent", "P1");
	assert_status(p1, CERT_NOT_CERTIFIED);
	assert_int_equal(failure(p1, "a")->why, WHY_ATTEMPTS_USED);
	assert_true(num_eq(failure(p1, "a")->seen, frac(7, 10)));
	assert_status(subject(t, "agent", "P2"), CERT_CERTIFIED);
	assert_int_equal(subject(t, "agent", "P2")->since, day("2024-03-01"));
	finish(t);
}

static void a_part_expired_before_the_last_part_was_passed(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80%; valid 1 year }\n"
		       "  exam b { score exams.score where exam = \"b\"; pass 80% }\n"
		       "}\n",
		       "id,hired\nP1,2020-01-01\nP2,2020-01-01\n",
		       "person,exam,score,taken\n"
		       "P1,a,90%,2022-03-01\nP1,b,90%,2023-03-01\n"   /* a lapsed that day */
		       "P2,a,90%,2022-03-01\nP2,b,90%,2023-02-28\n",  /* the last day of a */
		       NULL, "2024-06-30");
	const cert_subject *p1 = subject(t, "agent", "P1");
	assert_status(p1, CERT_NOT_CERTIFIED);
	const cert_failure *f = failure(p1, "a");
	assert_non_null(f);
	assert_int_equal(f->why, WHY_PASS_EXPIRED);
	assert_int_equal(f->date, day("2022-03-01"));
	assert_int_equal(f->date2, day("2023-03-01"));
	assert_null(failure(p1, "b"));
	assert_status(subject(t, "agent", "P2"), CERT_CERTIFIED);
	assert_int_equal(subject(t, "agent", "P2")->since, day("2023-02-28"));
	finish(t);
}

/* ---- validity, grace, warning ---------------------------------------------------- */

static const char *const ONE_EXAM_GRACE =
	"certification agent {\n"
	"  subjects staff\n"
	"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
	"  valid 2 years\n"
	"  grace 30 days\n"
	"  warn 60 days\n"
	"}\n";

static void expiry_on_the_as_of_day(void **state)
{
	(void)state;
	const char *staff = "id,hired\nP1,2020-01-01\n";
	const char *exams = "person,exam,score,taken\nP1,a,90%,2022-05-10\n";
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		       "  valid 2 years\n"
		       "}\n", staff, exams, NULL, "2024-05-10");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_status(s, CERT_EXPIRED);      /* not valid on its expiry day */
	assert_int_equal(s->expires, day("2024-05-10"));
	finish(t);
	t = start("certification agent {\n"
		  "  subjects staff\n"
		  "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		  "  valid 2 years\n"
		  "}\n", staff, exams, NULL, "2024-05-09");
	assert_status(subject(t, "agent", "P1"), CERT_CERTIFIED);
	finish(t);
}

static void the_last_day_of_grace(void **state)
{
	(void)state;
	const char *staff = "id,hired\nP1,2020-01-01\n";
	const char *exams = "person,exam,score,taken\nP1,a,90%,2022-05-10\n";
	/* expires 2024-05-10; 30 days of grace end on 2024-06-09 */
	run *t = start(ONE_EXAM_GRACE, staff, exams, NULL, "2024-06-08");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_status(s, CERT_IN_GRACE);
	assert_int_equal(s->grace_end, day("2024-06-09"));
	assert_non_null(failure(s, "a")); /* what renewal still needs */
	finish(t);
	t = start(ONE_EXAM_GRACE, staff, exams, NULL, "2024-06-09");
	assert_status(subject(t, "agent", "P1"), CERT_EXPIRED);
	assert_int_equal(subject(t, "agent", "P1")->expires, day("2024-05-10"));
	finish(t);
	/* within the warning horizon: expiring */
	t = start(ONE_EXAM_GRACE, staff, exams, NULL, "2024-03-11");
	assert_status(subject(t, "agent", "P1"), CERT_EXPIRING);
	finish(t);
	t = start(ONE_EXAM_GRACE, staff, exams, NULL, "2024-03-10");
	assert_status(subject(t, "agent", "P1"), CERT_CERTIFIED);
	finish(t);
}

static void a_leap_day(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		       "  valid 2 years\n"
		       "}\n", "id,hired\nP1,2020-01-01\n",
		       "person,exam,score,taken\nP1,a,90%,2024-02-29\n", NULL, "2026-02-27");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_status(s, CERT_CERTIFIED);
	assert_int_equal(s->since, day("2024-02-29"));
	assert_int_equal(s->expires, day("2026-02-28"));
	finish(t);
}

/* ---- renewal ----------------------------------------------------------------------- */

static void renewal_anchors(void **state)
{
	(void)state;
	const char *staff = "id,hired\nP1,2020-01-01\n";
	/* certified 2020-03-01, expires 2022-03-01; renewed by a pass on
	 * 2021-12-01 (in the 6-month window) */
	const char *exams = "person,exam,score,taken\nP1,a,90%,2020-03-01\nP1,a,85%,2021-12-01\n";
#define RENEWAL(anchor)							\
	"certification agent {\n"						\
	"  subjects staff\n"							\
	"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"	\
	"  valid 2 years\n"							\
	"  renewal { window 6 months; anchor " anchor " }\n"			\
	"}\n"
	const char *rules = RENEWAL("certification");
	run *t = start(rules, staff, exams, NULL, "2023-01-01");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_status(s, CERT_CERTIFIED);
	assert_int_equal(s->since, day("2020-03-01"));
	assert_int_equal(s->renewals, 1);
	assert_int_equal(s->renewed, day("2021-12-01"));
	assert_int_equal(s->expires, day("2024-03-01")); /* the original rhythm */
	finish(t);
	rules = RENEWAL("renewal");
	t = start(rules, staff, exams, NULL, "2023-01-01");
	assert_int_equal(subject(t, "agent", "P1")->expires, day("2023-12-01"));
	finish(t);
	/* a pass before the window opens does not renew */
	t = start(rules, staff, "person,exam,score,taken\nP1,a,90%,2020-03-01\n"
		  "P1,a,85%,2021-08-31\n", NULL, "2023-01-01");
	assert_status(subject(t, "agent", "P1"), CERT_EXPIRED);
	assert_int_equal(subject(t, "agent", "P1")->expires, day("2022-03-01"));
	finish(t);
}

/* A renewal inside the window counts on its day, before the expiry. */
static void renewed_before_expiry(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		       "  valid 2 years\n"
		       "  warn 90 days\n"
		       "  renewal { window 6 months }\n"
		       "}\n", "id,hired\nT1,2010-01-01\n",
		       "person,exam,score,taken\nT1,a,90%,2011-09-05\nT1,a,85%,2013-04-15\n",
		       NULL, "2013-06-30");
	const cert_subject *s = subject(t, "agent", "T1");
	assert_status(s, CERT_CERTIFIED);      /* not expiring: renewed */
	assert_int_equal(s->renewals, 1);
	assert_int_equal(s->renewed, day("2013-04-15"));
	assert_int_equal(s->expires, day("2015-09-05"));
	finish(t);
}

/* valid ... from exam: a pass counts for the validity, and the cycle's
 * own evidence does not renew it. */
static void valid_from_the_exam(void **state)
{
	(void)state;
	const char *rules =
		"certification c {\n"
		"  subjects staff\n"
		"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		"  credits k { amount training.hours; total >= 10 }\n"
		"  valid 1 year from exam\n"
		"  renewal { credits r { amount training.hours; total >= 10 } }\n"
		"}\n";
	/* the pass of 2020-01-01 has lapsed when the credits arrive */
	run *t = start(rules, "id,hired\nA,2019-01-01\nB,2019-01-01\n",
		       "person,exam,score,taken\nA,a,90%,2020-01-01\n"
		       "B,a,90%,2020-01-01\n",
		       "person,hours,kind,done\nA,10,law,2022-01-01\n"
		       "B,10,law,2020-06-01\n", "2020-09-30");
	assert_status(subject(t, "c", "A"), CERT_NOT_CERTIFIED);
	/* B: certified when the credits arrive, until a year after the exam;
	 * the same credits do not renew it */
	const cert_subject *b = subject(t, "c", "B");
	assert_status(b, CERT_CERTIFIED);
	assert_int_equal(b->since, day("2020-06-01"));
	assert_int_equal(b->expires, day("2021-01-01"));
	assert_int_equal(b->renewals, 0);
	finish(t);
}

static void lapsed_then_certified_again(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		       "  valid 1 year\n"
		       "}\n", "id,hired\nP1,2020-01-01\n",
		       "person,exam,score,taken\nP1,a,90%,2020-03-01\nP1,a,90%,2022-01-15\n",
		       NULL, "2022-06-30");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_status(s, CERT_CERTIFIED);
	assert_int_equal(s->since, day("2022-01-15"));
	assert_int_equal(s->expires, day("2023-01-15"));
	assert_false(cert_held_on(s, day("2021-06-01")));
	assert_true(cert_held_on(s, day("2020-06-01")));
	finish(t);
}

/* ---- credits ------------------------------------------------------------------------ */

static void a_yearly_cap_cuts_50_hours_to_30(void **state)
{
	(void)state;
	const char *rules =
		"certification cpd {\n"
		"  subjects staff\n"
		"  credits hours {\n"
		"    amount training.hours by kind\n"
		"    total >= 40\n"
		"    cap 30 per year\n"
		"  }\n"
		"}\n";
	run *t = start(rules, "id,hired\nP1,2020-01-01\nP2,2020-01-01\n", NULL,
		       "person,hours,kind,done\n"
		       "P1,20,law,2023-02-01\nP1,30,law,2023-09-01\n"  /* 50 in 2023: 30 count */
		       "P2,20,law,2023-02-01\nP2,30,law,2023-09-01\nP2,10,ethics,2024-01-05\n",
		       "2024-06-30");
	const cert_subject *p1 = subject(t, "cpd", "P1");
	assert_status(p1, CERT_NOT_CERTIFIED);
	assert_true(num_eq(failure(p1, "hours")->seen, num_int(30)));
	assert_status(subject(t, "cpd", "P2"), CERT_CERTIFIED);
	assert_int_equal(subject(t, "cpd", "P2")->since, day("2024-01-05"));
	finish(t);
}

static void a_category_minimum_and_within(void **state)
{
	(void)state;
	const char *rules =
		"certification cpd {\n"
		"  subjects staff\n"
		"  credits hours {\n"
		"    amount training.hours by kind\n"
		"    total >= 40 within 1 year\n"
		"    category ethics >= 8\n"
		"  }\n"
		"}\n";
	run *t = start(rules, "id,hired\nP1,2020-01-01\nP2,2020-01-01\n", NULL,
		       "person,hours,kind,done\n"
		       "P1,40,law,2024-01-01\nP1,4,ethics,2024-02-01\n"
		       /* 10 hours on 2023-03-01 fall out of the year before 2024-03-01 */
		       "P2,10,ethics,2023-03-01\nP2,32,law,2024-03-01\n",
		       "2024-06-30");
	const cert_subject *p1 = subject(t, "cpd", "P1");
	assert_status(p1, CERT_NOT_CERTIFIED);
	const cert_failure *f = failure(p1, "hours");
	assert_non_null(f->category);
	assert_string_equal(f->category, "ethics");
	assert_true(num_eq(f->seen, num_int(4)));
	const cert_subject *p2 = subject(t, "cpd", "P2");
	assert_status(p2, CERT_NOT_CERTIFIED);
	assert_true(num_eq(failure(p2, "hours")->seen, num_int(32)));
	finish(t);
}

static void a_credit_one_day_after_the_cycle(void **state)
{
	(void)state;
	/* certified 2022-01-10 (exam), valid 2 years: the cycle ends the day
	 * before 2024-01-10; renewal needs 20 hours in the cycle */
	const char *rules =
		"certification agent {\n"
		"  subjects staff\n"
		"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		"  valid 2 years\n"
		"  renewal { credits hours { amount training.hours; total >= 20 } }\n"
		"}\n";
	const char *staff = "id,hired\nP1,2020-01-01\nP2,2020-01-01\n";
	const char *exams = "person,exam,score,taken\nP1,a,90%,2022-01-10\nP2,a,90%,2022-01-10\n";
	run *t = start(rules, staff, exams,
		       "person,hours,kind,done\n"
		       "P1,10,law,2023-05-01\nP1,10,law,2024-01-10\n"   /* one day late */
		       "P2,10,law,2023-05-01\nP2,10,law,2024-01-09\n",  /* the last day */
		       "2024-06-30");
	assert_status(subject(t, "agent", "P1"), CERT_EXPIRED);
	assert_int_equal(subject(t, "agent", "P1")->expires, day("2024-01-10"));
	const cert_subject *p2 = subject(t, "agent", "P2");
	assert_status(p2, CERT_CERTIFIED);
	assert_int_equal(p2->renewed, day("2024-01-09"));
	assert_int_equal(p2->expires, day("2026-01-10"));
	finish(t);
}

/* ---- prerequisites, competence, conditions -------------------------------------- */

static void a_prerequisite_passed_after_the_dependent(void **state)
{
	(void)state;
	const char *rules =
		"certification base {\n"
		"  subjects staff\n"
		"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		"  valid 2 years\n"
		"}\n"
		"certification senior {\n"
		"  subjects staff\n"
		"  prerequisite base\n"
		"  exam b { score exams.score where exam = \"b\"; pass 80% }\n"
		"}\n";
	run *t = start(rules, "id,hired\nP1,2020-01-01\n",
		       "person,exam,score,taken\nP1,b,90%,2021-01-01\nP1,a,90%,2021-06-01\n",
		       NULL, "2022-06-30");
	const cert_subject *s = subject(t, "senior", "P1");
	assert_status(s, CERT_CERTIFIED);
	assert_int_equal(s->since, day("2021-06-01")); /* in order: after base */
	finish(t);
	/* base lapses on 2023-06-01: senior ends with it */
	t = start(rules, "id,hired\nP1,2020-01-01\n",
		  "person,exam,score,taken\nP1,b,90%,2021-01-01\nP1,a,90%,2021-06-01\n",
		  NULL, "2024-01-01");
	s = subject(t, "senior", "P1");
	assert_status(s, CERT_EXPIRED);
	assert_int_equal(s->expires, day("2023-06-01"));
	assert_int_equal(s->failures[0].why, WHY_NOT_HELD);
	finish(t);
}

/* The dependent ends the day its prerequisite lapses, and starts again
 * when the prerequisite is held again, whatever the as-of date. */
static void a_gap_in_the_prerequisite(void **state)
{
	(void)state;
	const char *rules =
		"certification base {\n"
		"  subjects staff\n"
		"  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		"  valid 1 year\n"
		"}\n"
		"certification senior {\n"
		"  subjects staff\n"
		"  prerequisite base\n"
		"  exam b { score exams.score where exam = \"b\"; pass 80% }\n"
		"}\n"
		"certification senior2 {\n"
		"  subjects staff\n"
		"  prerequisite base\n"
		"  exam b { score exams.score where exam = \"b\"; pass 80% }\n"
		"  valid 3 years\n"
		"  grace 1 year\n"
		"}\n";
	const char *staff = "id,hired\nP1,2020-01-01\nP2,2020-01-01\n";
	const char *exams = "person,exam,score,taken\n"
		"P1,a,90%,2020-03-01\nP1,b,90%,2020-06-01\nP1,a,90%,2022-01-15\n"
		"P2,a,90%,2020-03-01\nP2,b,90%,2020-06-01\n";
	run *t = start(rules, staff, exams, NULL, "2021-06-01");
	assert_status(subject(t, "senior", "P1"), CERT_EXPIRED);
	assert_int_equal(subject(t, "senior", "P1")->expires, day("2021-03-01"));
	finish(t);
	t = start(rules, staff, exams, NULL, "2022-06-30");
	const cert_subject *s = subject(t, "senior", "P1");
	assert_status(s, CERT_CERTIFIED);            /* again, with exam b */
	assert_int_equal(s->since, day("2022-01-15"));
	assert_false(cert_held_on(s, day("2021-06-01")));
	finish(t);
	t = start(rules, staff, exams, NULL, "2023-07-01");
	s = subject(t, "senior", "P1");
	assert_status(s, CERT_EXPIRED);
	assert_int_equal(s->expires, day("2023-01-15"));
	/* in grace of its own, the dependent still ends with the prerequisite */
	const cert_subject *p2 = subject(t, "senior2", "P2");
	assert_status(p2, CERT_EXPIRED);
	assert_int_equal(p2->expires, day("2021-03-01"));
	assert_int_equal(p2->failures[0].why, WHY_NOT_HELD);
	finish(t);
}

/* Competence and conditions have no date: held as of the date only. */
static void only_undated_requirements(void **state)
{
	(void)state;
	run *t = start("certification tenured {\n"
		       "  subjects staff\n"
		       "  condition tenure = hired <= as_of - 1 year\n"
		       "  valid 1 year\n"
		       "}\n", "id,hired\nP1,2020-01-01\nP2,2024-03-01\n", NULL, NULL,
		       "2024-06-30");
	const cert_subject *p1 = subject(t, "tenured", "P1");
	assert_status(p1, CERT_CERTIFIED);
	assert_false(p1->has_since);
	assert_false(p1->has_expires);
	assert_int_equal(p1->renewals, 0);
	assert_status(subject(t, "tenured", "P2"), CERT_NOT_CERTIFIED);
	finish(t);
}

/* Each failing part of a credits requirement is reported. */
static void every_failing_part_of_credits(void **state)
{
	(void)state;
	run *t = start("certification cpd {\n"
		       "  subjects staff\n"
		       "  credits hours {\n"
		       "    amount training.hours by kind\n"
		       "    total >= 40\n"
		       "    category ethics >= 8\n"
		       "    category law >= 8\n"
		       "  }\n"
		       "}\n", "id,hired\nP1,2020-01-01\n", NULL,
		       "person,hours,kind,done\nP1,10,law,2024-01-01\n", "2024-06-30");
	const cert_subject *s = subject(t, "cpd", "P1");
	assert_int_equal(s->nfailures, 2);               /* total and ethics */
	assert_null(s->failures[0].category);
	assert_true(num_eq(s->failures[0].seen, num_int(10)));
	assert_string_equal(s->failures[1].category, "ethics");
	assert_true(num_eq(s->failures[1].seen, num_int(0)));
	finish(t);
}

static void a_condition_shows_both_sides(void **state)
{
	(void)state;
	run *t = start("certification agent {\n"
		       "  subjects staff\n"
		       "  exam a { score exams.score where exam = \"a\"; pass 80% }\n"
		       "  condition tenure = hired <= as_of - 1 year\n"
		       "}\n"
		       "rule may_procure = certified(agent)\n"
		       "rule holders = count(staff where certified(agent))\n"
		       "rule holders_by_rule = count(staff where may_procure)\n",
		       "id,hired\nP1,2020-01-01\nP2,2024-03-01\n",
		       "person,exam,score,taken\nP1,a,90%,2021-01-01\nP2,a,90%,2024-04-01\n",
		       NULL, "2024-06-30");
	assert_status(subject(t, "agent", "P1"), CERT_CERTIFIED);
	const cert_subject *p2 = subject(t, "agent", "P2");
	assert_status(p2, CERT_NOT_CERTIFIED);
	const cert_failure *f = failure(p2, "tenure");
	assert_int_equal(f->why, WHY_FALSE);
	assert_true(f->has_operands);
	assert_int_equal(f->left.u.date, day("2024-03-01"));
	assert_int_equal(f->right.u.date, day("2023-06-30"));
	/* the rule per subject, in key order */
	const rule_result *rr = &t->r.rules[0];
	/* holders counted over the subjects themselves */
	const rule_result *holders = &t->r.rules[1];
	assert_int_equal(holders->n, 1);
	assert_true(num_eq(holders->values[0].u.n, num_int(1)));
	/* the same through a rule per subject: the row is the subject */
	const rule_result *by_rule = &t->r.rules[2];
	assert_int_equal(by_rule->n, 1);
	assert_true(num_eq(by_rule->values[0].u.n, num_int(1)));
	assert_int_equal(rr->n, 2);
	assert_true(rr->values[0].u.b);
	assert_false(rr->values[1].u.b);
	finish(t);
}

/* Every failing requirement names its place in the rule file. */
static void failures_carry_their_line(void **state)
{
	(void)state;
	run *t = start(TWO_EXAMS, "id,hired\nP1,2020-01-01\n", NULL, NULL, "2024-06-30");
	const cert_subject *s = subject(t, "agent", "P1");
	assert_int_equal(s->nfailures, 2);
	for (uint32_t i = 0; i < 2; i++) {
		const src_file *f = src_get(&t->p->srcs, s->failures[i].clause->span.file);
		int line, col;
		src_line_col(f, s->failures[i].clause->span.start, &line, &col);
		assert_int_equal(line, 16 + (int)i); /* DATA has 13 lines */
		assert_int_equal(s->failures[i].why, WHY_NO_ATTEMPT);
	}
	finish(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exactly_80_passes_79_5_fails),
		cmocka_unit_test(attempts_after_the_limit_do_not_count),
		cmocka_unit_test(a_part_expired_before_the_last_part_was_passed),
		cmocka_unit_test(expiry_on_the_as_of_day),
		cmocka_unit_test(the_last_day_of_grace),
		cmocka_unit_test(a_leap_day),
		cmocka_unit_test(renewal_anchors),
		cmocka_unit_test(renewed_before_expiry),
		cmocka_unit_test(valid_from_the_exam),
		cmocka_unit_test(lapsed_then_certified_again),
		cmocka_unit_test(a_yearly_cap_cuts_50_hours_to_30),
		cmocka_unit_test(a_category_minimum_and_within),
		cmocka_unit_test(a_credit_one_day_after_the_cycle),
		cmocka_unit_test(a_prerequisite_passed_after_the_dependent),
		cmocka_unit_test(a_gap_in_the_prerequisite),
		cmocka_unit_test(only_undated_requirements),
		cmocka_unit_test(every_failing_part_of_credits),
		cmocka_unit_test(a_condition_shows_both_sides),
		cmocka_unit_test(failures_carry_their_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
