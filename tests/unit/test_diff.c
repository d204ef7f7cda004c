/*
 * test_diff.c - unit tests for the semantic diff (lang/diff.c,
 * lang/diff_expr.c): expressions compared as trees and written as text, and
 * the change records diff_programs gives for a few kinds of change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "program.h"
#include "resolve.h"

/* ---- helpers --------------------------------------------------------------- */

static program *load(const char *text)
{
	program *p = program_new();
	assert_non_null(p);
	assert_true(program_load_text(p, "t.rubric", text, strlen(text)));
	if (!program_check(p)) {
		for (size_t i = 0; i < p->diags.items.len; i++)
			print_error("%s\n", ((diag *)p->diags.items.items[i])->message);
		fail_msg("the rules do not check");
	}
	return p;
}

/* The expression of rule `name`. */
static const ast_expr *rule_expr(const program *p, const char *name)
{
	for (size_t i = 0; i < p->model->rules.len; i++) {
		const m_rule *r = p->model->rules.items[i];
		if (!strcmp(r->decl->name.s, name))
			return r->decl->expr;
	}
	fail_msg("no rule %s", name);
	return NULL;
}

/* Two programs, each with the rule `r = EXPR` over a small dataset. */
#define DATA "data people { key id; column unit; column age integer; column hired date }\n"

static bool same_rule(const char *a, const char *b)
{
	char ta[512], tb[512];
	snprintf(ta, sizeof ta, DATA "rule r = %s\n", a);
	snprintf(tb, sizeof tb, DATA "rule r = %s\n", b);
	program *pa = load(ta), *pb = load(tb);
	bool same = diff_expr_equal(rule_expr(pa, "r"), rule_expr(pb, "r"), NULL, NULL);
	program_free(pa);
	program_free(pb);
	return same;
}

static const char *text_of(arena *a, const char *expr)
{
	char t[512];
	snprintf(t, sizeof t, DATA "rule r = %s\n", expr);
	program *p = load(t);
	const char *s = arena_strdup(a, diff_expr_text(p->arena, rule_expr(p, "r")));
	program_free(p);
	return s;
}

typedef struct pair {
	program *o, *n;
	arena *a;
	diff_result d;
} pair;

static pair *diff(const char *old_text, const char *new_text)
{
	pair *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->o = load(old_text);
	t->n = load(new_text);
	t->a = arena_new();
	assert_non_null(t->a);
	diff_programs(t->a, t->o, t->n, &t->d);
	return t;
}

static void done(pair *t)
{
	program_free(t->o);
	program_free(t->n);
	arena_free(t->a);
	free(t);
}

/* The change of this kind, path and field (NULL: the object itself). */
static const diff_change *change(const pair *t, const char *kind, const char *path,
				 const char *field)
{
	for (size_t i = 0; i < t->d.changes.len; i++) {
		const diff_change *c = t->d.changes.items[i];
		if (!strcmp(c->kind, kind) && !strcmp(c->path, path) &&
		    (field ? c->field && !strcmp(c->field, field) : !c->field))
			return c;
	}
	for (size_t i = 0; i < t->d.changes.len; i++) {
		const diff_change *c = t->d.changes.items[i];
		print_error("  %s %s %s %s\n", diff_op_name(c->op), c->kind, c->path,
			    c->field ? c->field : "");
	}
	fail_msg("no change %s %s %s", kind, path, field ? field : "");
	return NULL;
}

static int line_of(const program *p, src_span s)
{
	int line, col;
	src_line_col(src_get(&p->srcs, s.file), s.start, &line, &col);
	return line;
}

/* ---- expressions ----------------------------------------------------------- */

static void expr_layout_and_parentheses_are_no_difference(void **state)
{
	(void)state;
	assert_true(same_rule("count(people where age >= 50)",
			      "count( people   where (age >= 50) )"));
	assert_true(same_rule("(1 + 2) * 3", "((1 + 2)) * (3)"));
	assert_true(same_rule("1 + 2 + 3", "(1 + 2) + 3"));
	assert_true(same_rule("80%", "0.8"));             /* the same number */
	assert_true(same_rule("\"a\\tb\"", "\"a\\u{9}b\""));
}

static void expr_differences(void **state)
{
	(void)state;
	assert_false(same_rule("1 + 2 + 3", "1 + (2 + 3)"));  /* another tree */
	assert_false(same_rule("count(people where age >= 50)",
			       "count(people where age > 50)"));
	assert_false(same_rule("count(people where age >= 50)",
			       "count(people where age >= 55)"));
	assert_false(same_rule("2 * 1 year", "2 * 12 months"));
	assert_false(same_rule("count(people where unit = \"a\")",
			       "count(people where unit = \"A\")"));
	assert_false(same_rule("max(people.age)", "min(people.age)"));
	assert_false(same_rule("1 in (1, 2)", "1 in (2, 1)"));
	assert_false(same_rule("2024-01-01", "2024-01-02"));
	assert_false(same_rule("2016-Q1", "2016-01"));
}

static void expr_renamed_variable(void **state)
{
	(void)state;
	program *a = load(DATA "rule r for each u in people.unit = count(people where unit = u)\n");
	program *b = load(DATA "rule r for each x in people.unit = count(people where unit = x)\n");
	const ast_expr *ea = rule_expr(a, "r"), *eb = rule_expr(b, "r");
	assert_false(diff_expr_equal(ea, eb, NULL, NULL));
	assert_true(diff_expr_equal(ea, eb, "u", "x"));
	/* x stands for u only: a name u on the new side is another name */
	program *c = load(DATA "rule r for each x in people.unit = count(people where x = x)\n");
	assert_false(diff_expr_equal(ea, rule_expr(c, "r"), "u", "x"));
	program_free(a);
	program_free(b);
	program_free(c);
}

static void expr_text(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(text_of(a, "count( people where (age>=50)and unit=\"x\" )"),
			    "count(people where age >= 50 and unit = \"x\")");
	assert_string_equal(text_of(a, "((1 + 2)) * 3 - (4 - 5)"), "(1 + 2) * 3 - (4 - 5)");
	assert_string_equal(text_of(a, "(1 - 2) - 3"), "1 - 2 - 3");
	assert_string_equal(text_of(a, "not (1 < 2 or 2 < 3)"), "not (1 < 2 or 2 < 3)");
	assert_string_equal(text_of(a, "if 1 < 2 then 80% else 0.5"),
			    "if 1 < 2 then 80% else 0.5");
	assert_string_equal(text_of(a, "-(-(3))"), "-(-3)");
	assert_string_equal(text_of(a, "as_of - 1 year + 30 days"), "as_of - 1 year + 30 days");
	assert_string_equal(text_of(a, "\"say \\\"no\\\"\""), "\"say \\\"no\\\"\"");
	assert_string_equal(text_of(a, "max(people.age) in (1, 2)"), "max(people.age) in (1, 2)");
	arena_free(a);
}

/* ---- changes ----------------------------------------------------------------- */

#define FRAMEWORK \
	"use std.scales\n" \
	"framework f { scale likert5; competency a \"A\"; competency b \"B\" }\n" \
	"data people { key id; column role -> profile }\n" \
	"data ratings { column subject -> people; column rater\n" \
	"  column relation in (self, superior, peer); column competency -> f\n" \
	"  column score number in 1..5 }\n"

static void weights_and_minimums(void **state)
{
	(void)state;
	pair *t = diff(FRAMEWORK
		       "assessment x { ratings ratings\n"
		       "  relation self weight 10%; relation superior weight 65%\n"
		       "  relation peer weight 25% minimum 3 }\n",
		       FRAMEWORK
		       "assessment x { ratings ratings\n"
		       "  relation self weight 0.1; relation superior weight 70%\n"
		       "  relation peer weight 20% minimum 2 }\n");
	assert_int_equal(t->d.changed, 3);
	assert_int_equal(t->d.added + t->d.removed, 0);
	const diff_change *c = change(t, "relation", "x.peer", "weight");
	assert_int_equal(c->op, DIFF_CHANGED);
	assert_string_equal(c->old_value, "25%");
	assert_string_equal(c->new_value, "20%");
	assert_int_equal(c->section, DS_ASSESSMENTS);
	assert_int_equal(line_of(t->o, c->old_at), 9);
	assert_int_equal(line_of(t->n, c->new_at), 9);
	c = change(t, "relation", "x.peer", "minimum");
	assert_string_equal(c->old_value, "3");
	assert_string_equal(c->new_value, "2");
	change(t, "relation", "x.superior", "weight");
	done(t);
}

static void require_all_is_expanded(void **state)
{
	(void)state;
	/* `require all` and one requirement per competency mean the same */
	pair *t = diff(FRAMEWORK "profile p { require all >= competent }\n",
		       FRAMEWORK "profile p { require a >= 3; require b >= competent }\n");
	assert_int_equal(t->d.changes.len, 0);
	done(t);
	t = diff(FRAMEWORK "profile p { require all >= competent }\n",
		 FRAMEWORK "profile p { require all >= competent; require b >= advanced }\n");
	assert_int_equal(t->d.changes.len, 1);
	const diff_change *c = change(t, "requirement", "p.b", "required");
	assert_string_equal(c->old_value, ">= competent (3)");
	assert_string_equal(c->new_value, ">= advanced (4)");
	done(t);
}

static void renamed_competency_is_removed_and_added(void **state)
{
	(void)state;
	pair *t = diff("use std.scales\nframework f { scale likert5; competency a \"A\" }\n",
		       "use std.scales\nframework f { scale likert5; competency z \"A\" }\n");
	assert_int_equal(t->d.removed, 1);
	assert_int_equal(t->d.added, 1);
	assert_int_equal(change(t, "competency", "f.a", NULL)->op, DIFF_REMOVED);
	assert_int_equal(change(t, "competency", "f.z", NULL)->op, DIFF_ADDED);
	done(t);
}

static void targets_by_part_and_deadline(void **state)
{
	(void)state;
	const char *data = "data m { column measure; column period period; "
			   "column value number; column part optional }\n";
	char o[1024], n[1024];
	snprintf(o, sizeof o, "%sscorecard s { measures m\n objective x {\n"
		 "  measure k { parts p, q; target p >= 70%% by 2016; target q >= 3 by 2016\n"
		 "    band green >= 90%%; band red >= 0%% } } }\n", data);
	snprintf(n, sizeof n, "%sscorecard s { measures m\n objective x {\n"
		 "  measure k { parts p, q; target p >= 75%% by 2016; target q >= 3 by 2016\n"
		 "    target q >= 4 by 2017\n"
		 "    band green > 90%%; band red >= 0%% } } }\n", data);
	pair *t = diff(o, n);
	const diff_change *c = change(t, "target", "s.k p by 2016", "target");
	assert_string_equal(c->old_value, ">= 70%");
	assert_string_equal(c->new_value, ">= 75%");
	assert_int_equal(change(t, "target", "s.k q by 2017", NULL)->op, DIFF_ADDED);
	c = change(t, "band", "s.k.green", "from");
	assert_string_equal(c->old_value, ">= 90%");
	assert_string_equal(c->new_value, "> 90%");
	assert_int_equal(t->d.changes.len, 3);
	done(t);
}

static void changes_are_sorted_by_section_and_name(void **state)
{
	(void)state;
	pair *t = diff("rule b = 1\nrule a = 1\nscale s { level 1 x; level 2 y }\n",
		       "rule a = 2\nrule b = 2\nscale s { level 1 x; level 2 z }\n");
	assert_int_equal(t->d.changes.len, 3);
	const diff_change *c0 = t->d.changes.items[0], *c1 = t->d.changes.items[1],
			  *c2 = t->d.changes.items[2];
	assert_int_equal(c0->section, DS_SCALES);
	assert_string_equal(c1->path, "a");
	assert_string_equal(c2->path, "b");
	done(t);
}

static void certification_clauses(void **state)
{
	(void)state;
	const char *data =
		"data staff { key id; column hired date }\n"
		"data exams { column person -> staff; column exam in (a, b)\n"
		"  column score percent in 0%..100%; column taken date }\n";
	char o[1024], n[1024];
	snprintf(o, sizeof o, "%scertification c { subjects staff\n"
		 "  exam a { score exams.score where exam = \"a\"; pass 80%% }\n"
		 "  valid 2 years }\n", data);
	snprintf(n, sizeof n, "%scertification c { subjects staff\n"
		 "  exam a { score exams.score where exam = \"b\"; pass 80%%; attempts 3 }\n"
		 "  condition senior = hired <= as_of - 5 years\n"
		 "  valid 2 years; grace 30 days }\n", data);
	pair *t = diff(o, n);
	const diff_change *c = change(t, "exam", "c.a", "score");
	assert_string_equal(c->old_value, "exams.score where exam = \"a\"");
	assert_string_equal(c->new_value, "exams.score where exam = \"b\"");
	c = change(t, "exam", "c.a", "attempts");
	assert_null(c->old_value);
	assert_string_equal(c->new_value, "3");
	assert_int_equal(change(t, "condition", "c.senior", NULL)->op, DIFF_ADDED);
	c = change(t, "certification", "c", "grace");
	assert_string_equal(c->new_value, "30 days");
	assert_int_equal(t->d.changes.len, 4);
	done(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expr_layout_and_parentheses_are_no_difference),
		cmocka_unit_test(expr_differences),
		cmocka_unit_test(expr_renamed_variable),
		cmocka_unit_test(expr_text),
		cmocka_unit_test(weights_and_minimums),
		cmocka_unit_test(require_all_is_expanded),
		cmocka_unit_test(renamed_competency_is_removed_and_added),
		cmocka_unit_test(targets_by_part_and_deadline),
		cmocka_unit_test(changes_are_sorted_by_section_and_name),
		cmocka_unit_test(certification_clauses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
