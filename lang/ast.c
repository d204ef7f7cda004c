/* ast.c - names of AST kinds, for messages. */
#include "ast.h"

const char *expr_op_text(expr_op op)
{
	switch (op) {
	case OP_NONE: return "";
	case OP_ADD: return "+";
	case OP_SUB: return "-";
	case OP_MUL: return "*";
	case OP_DIV: return "/";
	case OP_NEG: return "-";
	case OP_EQ: return "=";
	case OP_NE: return "!=";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_GT: return ">";
	case OP_GE: return ">=";
	case OP_AND: return "and";
	case OP_OR: return "or";
	case OP_NOT: return "not";
	}
	return "?";
}

const char *decl_kind_name(decl_kind k)
{
	switch (k) {
	case DECL_HEADER: return "rubric header";
	case DECL_USE: return "use";
	case DECL_INCLUDE: return "include";
	case DECL_SCALE: return "scale";
	case DECL_FRAMEWORK: return "framework";
	case DECL_DATA: return "data";
	case DECL_PROFILE: return "profile";
	case DECL_ASSESSMENT: return "assessment";
	case DECL_RULE: return "rule";
	case DECL_PERSPECTIVES: return "perspectives";
	case DECL_SCORECARD: return "scorecard";
	case DECL_CERTIFICATION: return "certification";
	case DECL_MATCH: return "match";
	case DECL_TEST: return "test";
	}
	return "?";
}

const char *decl_kind_phrase(decl_kind k)
{
	switch (k) {
	case DECL_HEADER: return "the 'rubric' header";
	case DECL_USE: return "a use";
	case DECL_INCLUDE: return "an include";
	case DECL_SCALE: return "a scale";
	case DECL_FRAMEWORK: return "a framework";
	case DECL_DATA: return "a data declaration";
	case DECL_PROFILE: return "a profile";
	case DECL_ASSESSMENT: return "an assessment";
	case DECL_RULE: return "a rule";
	case DECL_PERSPECTIVES: return "a perspectives declaration";
	case DECL_SCORECARD: return "a scorecard";
	case DECL_CERTIFICATION: return "a certification";
	case DECL_MATCH: return "a match";
	case DECL_TEST: return "a test";
	}
	return "?";
}

const char *item_kind_name(item_kind k)
{
	switch (k) {
	case ITEM_VERSION: return "version";
	case ITEM_EFFECTIVE: return "effective";
	case ITEM_OWNER: return "owner";
	case ITEM_APPROVER: return "approver";
	case ITEM_SOURCE: return "source";
	case ITEM_DESCRIPTION: return "description";
	case ITEM_ROUNDING: return "rounding";
	case ITEM_LEVEL: return "level";
	case ITEM_SCALE: return "scale";
	case ITEM_AREA: return "area";
	case ITEM_COMPETENCY: return "competency";
	case ITEM_INDICATOR: return "indicator";
	case ITEM_LEVELS: return "levels";
	case ITEM_DESCRIPTOR: return "descriptor";
	case ITEM_KEY: return "key";
	case ITEM_COLUMN: return "column";
	case ITEM_PATH: return "path";
	case ITEM_FRAMEWORK: return "framework";
	case ITEM_REQUIRE: return "require";
	case ITEM_RATINGS: return "ratings";
	case ITEM_SUBJECTS: return "subjects";
	case ITEM_RELATION: return "relation";
	case ITEM_MISSING: return "missing";
	case ITEM_THRESHOLD: return "threshold";
	case ITEM_SUMMARISE: return "summarise";
	case ITEM_PROFILES: return "profiles";
	case ITEM_SUCCESSION: return "succession";
	case ITEM_DEVELOP: return "develop";
	case ITEM_PERSPECTIVE: return "perspective";
	case ITEM_PERSPECTIVES: return "perspectives";
	case ITEM_MEASURES: return "measures";
	case ITEM_THEME: return "theme";
	case ITEM_INTENDED: return "intended";
	case ITEM_OBJECTIVE: return "objective";
	case ITEM_WEIGHT: return "weight";
	case ITEM_INITIATIVE: return "initiative";
	case ITEM_CONTRIBUTES: return "contributes";
	case ITEM_LINK: return "link";
	case ITEM_MEASURE: return "measure";
	case ITEM_UNIT: return "unit";
	case ITEM_BETTER: return "better";
	case ITEM_BASELINE: return "baseline";
	case ITEM_TARGET: return "target";
	case ITEM_PARTS: return "parts";
	case ITEM_AGGREGATE: return "aggregate";
	case ITEM_BAND: return "band";
	case ITEM_EXAM: return "exam";
	case ITEM_SCORE: return "score";
	case ITEM_PASS: return "pass";
	case ITEM_ATTEMPTS: return "attempts";
	case ITEM_VALID: return "valid";
	case ITEM_DATED: return "dated";
	case ITEM_CREDITS: return "credits";
	case ITEM_AMOUNT: return "amount";
	case ITEM_CATEGORY: return "category";
	case ITEM_TOTAL: return "total";
	case ITEM_CAP: return "cap";
	case ITEM_COMPETENCE: return "competence";
	case ITEM_PREREQUISITE: return "prerequisite";
	case ITEM_CONDITION: return "condition";
	case ITEM_GRACE: return "grace";
	case ITEM_WARN: return "warn";
	case ITEM_RENEWAL: return "renewal";
	case ITEM_WINDOW: return "window";
	case ITEM_ANCHOR: return "anchor";
	case ITEM_CANDIDATES: return "candidates";
	case ITEM_POSTS: return "posts";
	case ITEM_POINTS: return "points";
	case ITEM_AT: return "at";
	case ITEM_GIVEN: return "given";
	case ITEM_ROW: return "row";
	case ITEM_EXPECT: return "expect";
	case ITEM_GOLDEN: return "golden";
	case ITEM_KIND_COUNT: break;
	}
	return "?";
}

bool expr_is_comparison(const ast_expr *e)
{
	return e->kind == EXPR_BINARY && e->op >= OP_EQ && e->op <= OP_GE;
}
