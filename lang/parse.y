/*
 * parse.y - the Rubric grammar.
 *
 * A file is a list of declarations; every declaration body is a list of
 * items written `keyword operands`, with an optional nested block.  The
 * grammar only builds the tree: which items belong in which declaration,
 * what names mean and whether types agree is decided in resolve.c, where
 * the messages can say what was meant.
 *
 * Keywords other than the expression operators are soft: they may be used
 * as names wherever a name is required (a dataset column called `relation`
 * or `level`).  Optional names, which could be confused with the next item,
 * must be plain identifiers.
 */
%require "3.8"
%define api.pure full
%define api.location.type {src_span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {parse_ctx *ctx}

%code requires {
#include "ast.h"
typedef struct parse_ctx parse_ctx;
typedef void *yyscan_t;

/* A string token: decoded bytes, UTF-8. */
typedef struct tok_string {
	const char *s;
	size_t len;
	size_t cap;   /* joined strings: bytes the parser owns at s */
} tok_string;

typedef struct tok_number {
	num value;
	bool percent;
} tok_number;

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                  \
	do {                                                         \
		if (N) {                                             \
			(Cur).file = YYRHSLOC(Rhs, 1).file;          \
			(Cur).start = YYRHSLOC(Rhs, 1).start;        \
			(Cur).end = YYRHSLOC(Rhs, N).end;            \
		} else {                                             \
			(Cur).file = YYRHSLOC(Rhs, 0).file;          \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		}                                                    \
	} while (0)
}

%code provides {
int yylex(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include <string.h>

#include "parse.h"

static ast_expr *mk_expr(parse_ctx *ctx, expr_kind kind, src_span span);
static ast_expr *mk_binary(parse_ctx *ctx, expr_op op, ast_expr *a,
			   ast_expr *b, src_span span);
static ast_expr *deepen(parse_ctx *ctx, ast_expr *e);
static ast_item *mk_item(parse_ctx *ctx, item_kind kind, src_span span);
static ast_decl *mk_decl(parse_ctx *ctx, decl_kind kind, src_span span,
			 src_span keyword);
static ast_name mk_name(const char *s, src_span span);
static const char *soft(parse_ctx *ctx, const char *word);
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, parse_ctx *ctx,
		    const char *msg);
}

%union {
	const char *ident;
	tok_string string;
	tok_number number;
	cal_date date;
	cal_period period;
	cal_duration duration;
	ast_name name;
	ast_expr *expr;
	ast_item *item;
	ast_decl *decl;
	ptr_vec vec;
	expr_op op;
}

%token <ident> IDENT "identifier"
%token <string> STRING "string"
%token <number> NUMBER "number"
%token <date> DATE "date"
%token <period> PERIOD "period"
%token <duration> DURATION "duration"

%token ARROW "->" DOTDOT ".." GE ">=" LE "<=" NE "!="

%token AND "and" APPLICABLE "applicable" APPROVER "approver" AREA "area"
%token ASSESSMENT "assessment" COLUMN "column" COMPETENCY "competency"
%token DATA "data" DESCRIPTION "description" DESCRIPTOR "descriptor"
%token EACH "each" EFFECTIVE "effective" ELSE "else" FALSE "false"
%token FOR "for" FRAMEWORK "framework" IF "if" IN "in" INCLUDE "include"
%token INDICATOR "indicator" KEY "key" LEVEL "level" LEVELS "levels"
%token MINIMUM "minimum" MISSING "missing" NOT "not" OPTIONAL "optional"
%token OR "or" OWNER "owner" PATH "path" PERSPECTIVE "perspective"
%token PERSPECTIVES "perspectives" PROFILE "profile"
%token RATINGS "ratings" RELATION "relation" REQUIRE "require"
%token ROUNDING "rounding" RUBRIC "rubric" RULE "rule" SCALE "scale"
%token SOURCE "source" SUBJECTS "subjects" THEN "then"
%token THRESHOLD "threshold" TRUE "true" USE "use" VERSION "version"
%token WEIGHT "weight" WHERE "where"
%token BY "by" DEVELOP "develop" FROM "from" PROFILES "profiles"
%token SUCCESSION "succession" SUMMARISE "summarise" WHEN "when"
%token AGGREGATE "aggregate" AT "at" BAND "band" BASELINE "baseline"
%token BETTER "better" CONTRIBUTES "contributes" INITIATIVE "initiative"
%token INTENDED "intended" LINK "link" MEASURE "measure" MEASURES "measures"
%token OBJECTIVE "objective" PARTS "parts" SCORECARD "scorecard"
%token TARGET "target" THEME "theme" UNIT "unit"
%token AMOUNT "amount" ANCHOR "anchor" ATTEMPTS "attempts" CAP "cap"
%token CANDIDATES "candidates" CATEGORY "category"
%token CERTIFICATION "certification" COMPETENCE "competence"
%token CONDITION "condition" CREDITS "credits" DATED "dated" EXAM "exam"
%token GRACE "grace" MATCH "match" PASS "pass" PER "per" POINTS "points"
%token POSTS "posts" PREREQUISITE "prerequisite" RENEWAL "renewal"
%token SCORE "score" TOTAL "total" VALID "valid" WARN "warn"
%token WINDOW "window" WITHIN "within"
%token EXPECT "expect" GIVEN "given" GOLDEN "golden" MESSAGE "message" ROW "row"
%token TEST "test"

%type <name> name dotted ident opt_ident
%type <string> string opt_string
%type <decl> decl block_decl
%type <item> item column
%type <vec> items opt_block names values levels args arglist
%type <expr> expr primary arg value level_value signed_number number_lit
%type <expr> period_lit duration_lit
%type <op> cmp

%precedence ELSE
%left OR
%left AND
%precedence NOT
%nonassoc '=' NE '<' LE '>' GE IN
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

file:
	  %empty
	| file decl        { if ($2) ptr_vec_push(ctx->arena, &ctx->out->decls, $2); }
	| file ';'
	| file error
	;

decl:
	  block_decl
	| USE dotted {
		$$ = mk_decl(ctx, DECL_USE, @$, @1);
		$$->name = $2;
	}
	| INCLUDE STRING {
		$$ = mk_decl(ctx, DECL_INCLUDE, @$, @1);
		$$->title = $2.s;
		$$->title_span = @2;
	}
	| RULE name opt_string '=' expr {
		$$ = mk_decl(ctx, DECL_RULE, @$, @1);
		$$->name = $2;
		$$->title = $3.s;
		$$->title_span = @3;
		$$->expr = $5;
	}
	| RULE name opt_string FOR EACH name IN primary '=' expr {
		$$ = mk_decl(ctx, DECL_RULE, @$, @1);
		$$->name = $2;
		$$->title = $3.s;
		$$->title_span = @3;
		$$->each = $6;
		$$->group = $8;
		$$->expr = $10;
	}
	;

block_decl:
	  RUBRIC opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_HEADER, @$, @1);
		$$->title = $2.s;
		$$->title_span = @2;
		$$->items = $4;
		$$->close_span = @5;
	}
	| SCALE name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_SCALE, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| FRAMEWORK name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_FRAMEWORK, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| DATA name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_DATA, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| PROFILE name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_PROFILE, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| ASSESSMENT name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_ASSESSMENT, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| SCORECARD name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_SCORECARD, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| PERSPECTIVES name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_PERSPECTIVES, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| CERTIFICATION name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_CERTIFICATION, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| TEST name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_TEST, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	| MATCH name opt_string '{' items '}' {
		$$ = mk_decl(ctx, DECL_MATCH, @$, @1);
		$$->name = $2; $$->title = $3.s; $$->title_span = @3;
		$$->items = $5; $$->close_span = @6;
	}
	;

items:
	  %empty           { memset(&$$, 0, sizeof $$); }
	| items item       { $$ = $1; ptr_vec_push(ctx->arena, &$$, $2); }
	| items ';'        { $$ = $1; }
	| items error      { $$ = $1; }
	;

opt_block:
	  %empty           { memset(&$$, 0, sizeof $$); }
	| '{' items '}'    { $$ = $2; }
	;

item:
	  VERSION string {
		$$ = mk_item(ctx, ITEM_VERSION, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| EFFECTIVE DATE {
		$$ = mk_item(ctx, ITEM_EFFECTIVE, @$); $$->date = $2; $$->text_span = @2;
	}
	| OWNER string {
		$$ = mk_item(ctx, ITEM_OWNER, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| APPROVER string {
		$$ = mk_item(ctx, ITEM_APPROVER, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| SOURCE string {
		$$ = mk_item(ctx, ITEM_SOURCE, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| DESCRIPTION string {
		$$ = mk_item(ctx, ITEM_DESCRIPTION, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| ROUNDING number_lit ident {
		$$ = mk_item(ctx, ITEM_ROUNDING, @$); $$->value = $2; $$->ref = $3;
	}
	| LEVEL number_lit opt_ident opt_string {
		$$ = mk_item(ctx, ITEM_LEVEL, @$);
		$$->value = $2;
		$$->name = $3;
		$$->text = $4.s; $$->text_span = @4;
	}
	| SCALE name {
		$$ = mk_item(ctx, ITEM_SCALE, @$); $$->name = $2;
	}
	| AREA name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_AREA, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| COMPETENCY name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_COMPETENCY, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| INDICATOR string {
		$$ = mk_item(ctx, ITEM_INDICATOR, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| LEVELS level_value DOTDOT level_value {
		$$ = mk_item(ctx, ITEM_LEVELS, @$);
		$$->is_range = true; $$->lo = $2; $$->hi = $4;
	}
	| LEVELS levels {
		$$ = mk_item(ctx, ITEM_LEVELS, @$); $$->list = $2;
	}
	| DESCRIPTOR name string {
		$$ = mk_item(ctx, ITEM_DESCRIPTOR, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3;
	}
	| KEY names {
		$$ = mk_item(ctx, ITEM_KEY, @$); $$->list = $2;
	}
	| column
	| PATH string {
		$$ = mk_item(ctx, ITEM_PATH, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| FRAMEWORK name {
		$$ = mk_item(ctx, ITEM_FRAMEWORK, @$); $$->name = $2;
	}
	| REQUIRE name cmp level_value {
		$$ = mk_item(ctx, ITEM_REQUIRE, @$);
		$$->name = $2; $$->cmp = $3; $$->value = $4;
	}
	| REQUIRE name NOT APPLICABLE {
		$$ = mk_item(ctx, ITEM_REQUIRE, @$);
		$$->name = $2; $$->not_applicable = true;
	}
	| RATINGS name {
		$$ = mk_item(ctx, ITEM_RATINGS, @$); $$->name = $2;
	}
	| SUBJECTS name {
		$$ = mk_item(ctx, ITEM_SUBJECTS, @$); $$->name = $2;
	}
	| RELATION name WEIGHT number_lit {
		$$ = mk_item(ctx, ITEM_RELATION, @$); $$->name = $2; $$->value = $4;
	}
	| RELATION name WEIGHT number_lit MINIMUM number_lit {
		$$ = mk_item(ctx, ITEM_RELATION, @$);
		$$->name = $2; $$->value = $4; $$->value2 = $6;
	}
	| MISSING name {
		$$ = mk_item(ctx, ITEM_MISSING, @$); $$->ref = $2;
	}
	| PERSPECTIVE name opt_string {
		$$ = mk_item(ctx, ITEM_PERSPECTIVE, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3;
	}
	| SUMMARISE BY name {
		$$ = mk_item(ctx, ITEM_SUMMARISE, @$); $$->name = $3;
	}
	| PROFILES BY name {
		$$ = mk_item(ctx, ITEM_PROFILES, @$); $$->name = $3;
	}
	| SUCCESSION name FROM name {
		$$ = mk_item(ctx, ITEM_SUCCESSION, @$); $$->name = $2; $$->target = $4;
	}
	| DEVELOP WHEN expr THEN string {
		$$ = mk_item(ctx, ITEM_DEVELOP, @$);
		$$->value = $3; $$->text = $5.s; $$->text_span = @5;
	}
	| THRESHOLD expr {
		$$ = mk_item(ctx, ITEM_THRESHOLD, @$); $$->value = $2;
	}
	/* scorecards */
	| PERSPECTIVES name {
		$$ = mk_item(ctx, ITEM_PERSPECTIVES, @$); $$->name = $2;
	}
	| MEASURES name {
		$$ = mk_item(ctx, ITEM_MEASURES, @$); $$->name = $2;
	}
	| THEME name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_THEME, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| INTENDED string {
		$$ = mk_item(ctx, ITEM_INTENDED, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| OBJECTIVE name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_OBJECTIVE, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| WEIGHT number_lit {
		$$ = mk_item(ctx, ITEM_WEIGHT, @$); $$->value = $2;
	}
	| INITIATIVE string {
		$$ = mk_item(ctx, ITEM_INITIATIVE, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| CONTRIBUTES dotted {
		$$ = mk_item(ctx, ITEM_CONTRIBUTES, @$); $$->name = $2;
	}
	| LINK name ARROW name {
		$$ = mk_item(ctx, ITEM_LINK, @$); $$->name = $2; $$->target = $4;
	}
	| MEASURE name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_MEASURE, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| UNIT string {
		$$ = mk_item(ctx, ITEM_UNIT, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| BETTER name {
		$$ = mk_item(ctx, ITEM_BETTER, @$); $$->ref = $2;
	}
	| BASELINE signed_number AT period_lit {
		$$ = mk_item(ctx, ITEM_BASELINE, @$); $$->value = $2; $$->value2 = $4;
	}
	| TARGET cmp signed_number BY period_lit {
		$$ = mk_item(ctx, ITEM_TARGET, @$);
		$$->cmp = $2; $$->value = $3; $$->value2 = $5;
	}
	| TARGET ident cmp signed_number BY period_lit {
		$$ = mk_item(ctx, ITEM_TARGET, @$);
		$$->name = $2; $$->cmp = $3; $$->value = $4; $$->value2 = $6;
	}
	| TARGET signed_number DOTDOT signed_number BY period_lit {
		$$ = mk_item(ctx, ITEM_TARGET, @$);
		$$->is_range = true; $$->lo = $2; $$->hi = $4; $$->value2 = $6;
	}
	| PARTS names {
		$$ = mk_item(ctx, ITEM_PARTS, @$); $$->list = $2;
	}
	| AGGREGATE name {
		$$ = mk_item(ctx, ITEM_AGGREGATE, @$); $$->ref = $2;
	}
	| BAND ident cmp number_lit {
		$$ = mk_item(ctx, ITEM_BAND, @$);
		$$->name = $2; $$->cmp = $3; $$->value = $4;
	}
	/* certifications */
	| EXAM name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_EXAM, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| SCORE arg {
		$$ = mk_item(ctx, ITEM_SCORE, @$); $$->value = $2;
	}
	| PASS signed_number {
		$$ = mk_item(ctx, ITEM_PASS, @$); $$->value = $2;
	}
	| ATTEMPTS number_lit {
		$$ = mk_item(ctx, ITEM_ATTEMPTS, @$); $$->value = $2;
	}
	| VALID duration_lit {
		$$ = mk_item(ctx, ITEM_VALID, @$); $$->value = $2;
	}
	| VALID duration_lit FROM name {
		$$ = mk_item(ctx, ITEM_VALID, @$); $$->value = $2; $$->ref = $4;
	}
	| DATED name {
		$$ = mk_item(ctx, ITEM_DATED, @$); $$->name = $2;
	}
	| CREDITS name opt_string opt_block {
		$$ = mk_item(ctx, ITEM_CREDITS, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->items = $4;
	}
	| AMOUNT arg {
		$$ = mk_item(ctx, ITEM_AMOUNT, @$); $$->value = $2;
	}
	| AMOUNT arg BY name {
		$$ = mk_item(ctx, ITEM_AMOUNT, @$); $$->value = $2; $$->ref = $4;
	}
	| CATEGORY name cmp signed_number {
		$$ = mk_item(ctx, ITEM_CATEGORY, @$);
		$$->name = $2; $$->cmp = $3; $$->value = $4;
	}
	| TOTAL cmp signed_number {
		$$ = mk_item(ctx, ITEM_TOTAL, @$); $$->cmp = $2; $$->value = $3;
	}
	| TOTAL cmp signed_number WITHIN duration_lit {
		$$ = mk_item(ctx, ITEM_TOTAL, @$);
		$$->cmp = $2; $$->value = $3; $$->value2 = $5;
	}
	| CAP number_lit PER name {
		$$ = mk_item(ctx, ITEM_CAP, @$); $$->value = $2; $$->ref = $4;
	}
	| COMPETENCE name '.' name cmp level_value {
		$$ = mk_item(ctx, ITEM_COMPETENCE, @$);
		$$->name = $2; $$->target = $4; $$->cmp = $5; $$->value = $6;
	}
	| PREREQUISITE name {
		$$ = mk_item(ctx, ITEM_PREREQUISITE, @$); $$->name = $2;
	}
	| CONDITION name opt_string '=' expr {
		$$ = mk_item(ctx, ITEM_CONDITION, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->value = $5;
	}
	| GRACE duration_lit {
		$$ = mk_item(ctx, ITEM_GRACE, @$); $$->value = $2;
	}
	| WARN duration_lit {
		$$ = mk_item(ctx, ITEM_WARN, @$); $$->value = $2;
	}
	| RENEWAL opt_block {
		$$ = mk_item(ctx, ITEM_RENEWAL, @$); $$->items = $2;
	}
	| WINDOW duration_lit {
		$$ = mk_item(ctx, ITEM_WINDOW, @$); $$->value = $2;
	}
	| ANCHOR name {
		$$ = mk_item(ctx, ITEM_ANCHOR, @$); $$->ref = $2;
	}
	/* matching */
	| CANDIDATES name {
		$$ = mk_item(ctx, ITEM_CANDIDATES, @$); $$->name = $2;
	}
	| POSTS name {
		$$ = mk_item(ctx, ITEM_POSTS, @$); $$->name = $2;
	}
	| POINTS name opt_string '=' expr {
		$$ = mk_item(ctx, ITEM_POINTS, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3; $$->value = $5;
	}
	/* tests */
	| AT DATE {
		$$ = mk_item(ctx, ITEM_AT, @$); $$->date = $2; $$->text_span = @2;
	}
	| GIVEN name opt_block {
		$$ = mk_item(ctx, ITEM_GIVEN, @$); $$->name = $2; $$->items = $3;
	}
	| GIVEN name string {
		$$ = mk_item(ctx, ITEM_GIVEN, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3;
	}
	| ROW string {
		$$ = mk_item(ctx, ITEM_ROW, @$); $$->text = $2.s; $$->text_span = @2;
	}
	| EXPECT expr {
		$$ = mk_item(ctx, ITEM_EXPECT, @$); $$->value = $2;
	}
	| EXPECT FOR STRING expr {
		$$ = mk_item(ctx, ITEM_EXPECT, @$);
		$$->text = $3.s; $$->text_span = @3; $$->value = $4;
	}
	| EXPECT MESSAGE string {
		$$ = mk_item(ctx, ITEM_EXPECT, @$);
		$$->text = $3.s; $$->text_span = @3; $$->not_applicable = true;
	}
	| GOLDEN name string {
		$$ = mk_item(ctx, ITEM_GOLDEN, @$);
		$$->name = $2; $$->text = $3.s; $$->text_span = @3;
	}
	;

duration_lit:
	  DURATION           { $$ = mk_expr(ctx, EXPR_DURATION, @$); $$->duration = $1; }
	;

/* A period: 2016 (a year, written as a number), 2016-Q1, 2016-03, FY2010. */
period_lit:
	  PERIOD             { $$ = mk_expr(ctx, EXPR_PERIOD, @$); $$->period = $1; }
	| NUMBER {
		$$ = mk_expr(ctx, EXPR_PERIOD, @$);
		$$->period.kind = PERIOD_YEAR;
		if (!num_is_int($1.value) || $1.percent || $1.value.n < 1 ||
		    $1.value.n > 9999)
			diag_error(ctx->diags, @1, "bad-period",
				   "a year is a whole number from 1 to 9999");
		else
			$$->period.year = (int)$1.value.n;
	}
	;

/* column name type? (in (a, b) | in lo..hi)? (-> target)? optional? */
column:
	  COLUMN name opt_ident {
		$$ = mk_item(ctx, ITEM_COLUMN, @$); $$->name = $2; $$->ref = $3;
	}
	| column IN '(' values ')' {
		$$ = $1; $$->span = @$;
		if ($$->list.len || $$->lo)
			diag_error(ctx->diags, @2, "duplicate-constraint",
				   "column '%s' already has allowed values", $$->name.s);
		$$->list = $4;
	}
	| column IN signed_number DOTDOT signed_number {
		$$ = $1; $$->span = @$;
		if ($$->list.len || $$->lo)
			diag_error(ctx->diags, @2, "duplicate-constraint",
				   "column '%s' already has allowed values", $$->name.s);
		$$->is_range = true; $$->lo = $3; $$->hi = $5;
	}
	| column ARROW name {
		$$ = $1; $$->span = @$;
		if ($$->target.s)
			diag_error(ctx->diags, @2, "duplicate-constraint",
				   "column '%s' already refers to '%s'", $$->name.s,
				   $$->target.s);
		$$->target = $3;
	}
	| column OPTIONAL {
		$$ = $1; $$->span = @$; $$->optional = true;
	}
	| column NOT APPLICABLE string {
		$$ = $1; $$->span = @$;
		if ($$->text)
			diag_error(ctx->diags, @2, "duplicate-constraint",
				   "column '%s' already has a not-applicable marker",
				   $$->name.s);
		$$->text = $4.s; $$->text_span = @4;
	}
	;

opt_ident:
	  %empty          { $$ = mk_name(NULL, @$); }
	| IDENT           { $$ = mk_name($1, @1); }
	;

ident: IDENT { $$ = mk_name($1, @1); } ;

/* A required name: identifiers and the soft keywords. */
name:
	  IDENT           { $$ = mk_name($1, @1); }
	| APPLICABLE      { $$ = mk_name(soft(ctx, "applicable"), @1); }
	| APPROVER        { $$ = mk_name(soft(ctx, "approver"), @1); }
	| BY              { $$ = mk_name(soft(ctx, "by"), @1); }
	| DEVELOP         { $$ = mk_name(soft(ctx, "develop"), @1); }
	| FROM            { $$ = mk_name(soft(ctx, "from"), @1); }
	| PROFILES        { $$ = mk_name(soft(ctx, "profiles"), @1); }
	| SUCCESSION      { $$ = mk_name(soft(ctx, "succession"), @1); }
	| SUMMARISE       { $$ = mk_name(soft(ctx, "summarise"), @1); }
	| AREA            { $$ = mk_name(soft(ctx, "area"), @1); }
	| ASSESSMENT      { $$ = mk_name(soft(ctx, "assessment"), @1); }
	| COLUMN          { $$ = mk_name(soft(ctx, "column"), @1); }
	| COMPETENCY      { $$ = mk_name(soft(ctx, "competency"), @1); }
	| DATA            { $$ = mk_name(soft(ctx, "data"), @1); }
	| DESCRIPTION     { $$ = mk_name(soft(ctx, "description"), @1); }
	| DESCRIPTOR      { $$ = mk_name(soft(ctx, "descriptor"), @1); }
	| EFFECTIVE       { $$ = mk_name(soft(ctx, "effective"), @1); }
	| FRAMEWORK       { $$ = mk_name(soft(ctx, "framework"), @1); }
	| INCLUDE         { $$ = mk_name(soft(ctx, "include"), @1); }
	| INDICATOR       { $$ = mk_name(soft(ctx, "indicator"), @1); }
	| KEY             { $$ = mk_name(soft(ctx, "key"), @1); }
	| LEVEL           { $$ = mk_name(soft(ctx, "level"), @1); }
	| LEVELS          { $$ = mk_name(soft(ctx, "levels"), @1); }
	| MINIMUM         { $$ = mk_name(soft(ctx, "minimum"), @1); }
	| MISSING         { $$ = mk_name(soft(ctx, "missing"), @1); }
	| OPTIONAL        { $$ = mk_name(soft(ctx, "optional"), @1); }
	| OWNER           { $$ = mk_name(soft(ctx, "owner"), @1); }
	| PATH            { $$ = mk_name(soft(ctx, "path"), @1); }
	| PERSPECTIVE     { $$ = mk_name(soft(ctx, "perspective"), @1); }
	| PERSPECTIVES    { $$ = mk_name(soft(ctx, "perspectives"), @1); }
	| PROFILE         { $$ = mk_name(soft(ctx, "profile"), @1); }
	| RATINGS         { $$ = mk_name(soft(ctx, "ratings"), @1); }
	| RELATION        { $$ = mk_name(soft(ctx, "relation"), @1); }
	| REQUIRE         { $$ = mk_name(soft(ctx, "require"), @1); }
	| ROUNDING        { $$ = mk_name(soft(ctx, "rounding"), @1); }
	| RUBRIC          { $$ = mk_name(soft(ctx, "rubric"), @1); }
	| RULE            { $$ = mk_name(soft(ctx, "rule"), @1); }
	| SCALE           { $$ = mk_name(soft(ctx, "scale"), @1); }
	| SOURCE          { $$ = mk_name(soft(ctx, "source"), @1); }
	| SUBJECTS        { $$ = mk_name(soft(ctx, "subjects"), @1); }
	| THRESHOLD       { $$ = mk_name(soft(ctx, "threshold"), @1); }
	| USE             { $$ = mk_name(soft(ctx, "use"), @1); }
	| VERSION         { $$ = mk_name(soft(ctx, "version"), @1); }
	| WEIGHT          { $$ = mk_name(soft(ctx, "weight"), @1); }
	| WHEN            { $$ = mk_name(soft(ctx, "when"), @1); }
	| AGGREGATE       { $$ = mk_name(soft(ctx, "aggregate"), @1); }
	| AT              { $$ = mk_name(soft(ctx, "at"), @1); }
	| BAND            { $$ = mk_name(soft(ctx, "band"), @1); }
	| BASELINE        { $$ = mk_name(soft(ctx, "baseline"), @1); }
	| BETTER          { $$ = mk_name(soft(ctx, "better"), @1); }
	| CONTRIBUTES     { $$ = mk_name(soft(ctx, "contributes"), @1); }
	| INITIATIVE      { $$ = mk_name(soft(ctx, "initiative"), @1); }
	| INTENDED        { $$ = mk_name(soft(ctx, "intended"), @1); }
	| LINK            { $$ = mk_name(soft(ctx, "link"), @1); }
	| MEASURE         { $$ = mk_name(soft(ctx, "measure"), @1); }
	| MEASURES        { $$ = mk_name(soft(ctx, "measures"), @1); }
	| OBJECTIVE       { $$ = mk_name(soft(ctx, "objective"), @1); }
	| PARTS           { $$ = mk_name(soft(ctx, "parts"), @1); }
	| SCORECARD       { $$ = mk_name(soft(ctx, "scorecard"), @1); }
	| TARGET          { $$ = mk_name(soft(ctx, "target"), @1); }
	| THEME           { $$ = mk_name(soft(ctx, "theme"), @1); }
	| UNIT            { $$ = mk_name(soft(ctx, "unit"), @1); }
	| AMOUNT          { $$ = mk_name(soft(ctx, "amount"), @1); }
	| ANCHOR          { $$ = mk_name(soft(ctx, "anchor"), @1); }
	| ATTEMPTS        { $$ = mk_name(soft(ctx, "attempts"), @1); }
	| CANDIDATES      { $$ = mk_name(soft(ctx, "candidates"), @1); }
	| CAP             { $$ = mk_name(soft(ctx, "cap"), @1); }
	| CATEGORY        { $$ = mk_name(soft(ctx, "category"), @1); }
	| CERTIFICATION   { $$ = mk_name(soft(ctx, "certification"), @1); }
	| COMPETENCE      { $$ = mk_name(soft(ctx, "competence"), @1); }
	| CONDITION       { $$ = mk_name(soft(ctx, "condition"), @1); }
	| CREDITS         { $$ = mk_name(soft(ctx, "credits"), @1); }
	| DATED           { $$ = mk_name(soft(ctx, "dated"), @1); }
	| EXAM            { $$ = mk_name(soft(ctx, "exam"), @1); }
	| GRACE           { $$ = mk_name(soft(ctx, "grace"), @1); }
	| MATCH           { $$ = mk_name(soft(ctx, "match"), @1); }
	| PASS            { $$ = mk_name(soft(ctx, "pass"), @1); }
	| PER             { $$ = mk_name(soft(ctx, "per"), @1); }
	| POINTS          { $$ = mk_name(soft(ctx, "points"), @1); }
	| POSTS           { $$ = mk_name(soft(ctx, "posts"), @1); }
	| PREREQUISITE    { $$ = mk_name(soft(ctx, "prerequisite"), @1); }
	| RENEWAL         { $$ = mk_name(soft(ctx, "renewal"), @1); }
	| SCORE           { $$ = mk_name(soft(ctx, "score"), @1); }
	| TOTAL           { $$ = mk_name(soft(ctx, "total"), @1); }
	| VALID           { $$ = mk_name(soft(ctx, "valid"), @1); }
	| WARN            { $$ = mk_name(soft(ctx, "warn"), @1); }
	| WINDOW          { $$ = mk_name(soft(ctx, "window"), @1); }
	| WITHIN          { $$ = mk_name(soft(ctx, "within"), @1); }
	| EXPECT          { $$ = mk_name(soft(ctx, "expect"), @1); }
	| GIVEN           { $$ = mk_name(soft(ctx, "given"), @1); }
	| GOLDEN          { $$ = mk_name(soft(ctx, "golden"), @1); }
	| MESSAGE         { $$ = mk_name(soft(ctx, "message"), @1); }
	| ROW             { $$ = mk_name(soft(ctx, "row"), @1); }
	| TEST            { $$ = mk_name(soft(ctx, "test"), @1); }
	;

dotted:
	  name
	| dotted '.' name {
		$$.s = intern_cstr(ctx->names, arena_printf(ctx->arena, "%s.%s", $1.s, $3.s));
		$$.span = @$;
	}
	;

names:
	  name            { memset(&$$, 0, sizeof $$); ast_name *n = arena_alloc(ctx->arena, sizeof *n); *n = $1; ptr_vec_push(ctx->arena, &$$, n); }
	| names ',' name  { $$ = $1; ast_name *n = arena_alloc(ctx->arena, sizeof *n); *n = $3; ptr_vec_push(ctx->arena, &$$, n); }
	;

/* Adjacent strings join, so long descriptors can span lines. */
string:
	  STRING
	| string STRING {
		/* Grow geometrically, so a long run of strings joins in linear
		 * time. */
		size_t len = $1.len + $2.len;
		$$ = $1;
		if (len + 1 > $1.cap) {
			$$.cap = 2 * (len + 1);
			char *s = arena_alloc(ctx->arena, $$.cap);
			memcpy(s, $1.s, $1.len);
			$$.s = s;
		}
		memcpy((char *)$$.s + $1.len, $2.s, $2.len);
		((char *)$$.s)[len] = '\0';
		$$.len = len;
	}
	;

opt_string:
	  %empty          { $$.s = NULL; $$.len = 0; $$.cap = 0; }
	| string
	;

number_lit:
	  NUMBER {
		$$ = mk_expr(ctx, EXPR_NUMBER, @$);
		$$->number = $1.value; $$->percent = $1.percent;
	}
	;

signed_number:
	  number_lit
	| '-' number_lit {
		$$ = $2; $$->span = @$;
		if (num_neg($2->number, &$$->number) != NUM_OK)
			diag_error(ctx->diags, @$, "number-too-large",
				   "number is too large to hold exactly");
	}
	;

level_value:
	  number_lit
	| IDENT {
		$$ = mk_expr(ctx, EXPR_NAME, @$); $$->name = mk_name($1, @1);
	}
	;

levels:
	  level_value             { memset(&$$, 0, sizeof $$); ptr_vec_push(ctx->arena, &$$, $1); }
	| levels ',' level_value  { $$ = $1; ptr_vec_push(ctx->arena, &$$, $3); }
	;

value:
	  signed_number
	| name {
		$$ = mk_expr(ctx, EXPR_NAME, @$); $$->name = $1;
	}
	| string {
		$$ = mk_expr(ctx, EXPR_STRING, @$); $$->text = $1.s; $$->text_len = $1.len;
	}
	;

values:
	  value             { memset(&$$, 0, sizeof $$); ptr_vec_push(ctx->arena, &$$, $1); }
	| values ',' value  { $$ = $1; ptr_vec_push(ctx->arena, &$$, $3); }
	;

cmp:
	  '='  { $$ = OP_EQ; }
	| NE   { $$ = OP_NE; }
	| '<'  { $$ = OP_LT; }
	| LE   { $$ = OP_LE; }
	| '>'  { $$ = OP_GT; }
	| GE   { $$ = OP_GE; }
	;

expr:
	  primary
	| expr OR expr       { $$ = mk_binary(ctx, OP_OR, $1, $3, @$); }
	| expr AND expr      { $$ = mk_binary(ctx, OP_AND, $1, $3, @$); }
	| NOT expr           { $$ = mk_expr(ctx, EXPR_UNARY, @$); $$->op = OP_NOT; $$->a = $2; deepen(ctx, $$); }
	| expr '=' expr      { $$ = mk_binary(ctx, OP_EQ, $1, $3, @$); }
	| expr NE expr       { $$ = mk_binary(ctx, OP_NE, $1, $3, @$); }
	| expr '<' expr      { $$ = mk_binary(ctx, OP_LT, $1, $3, @$); }
	| expr LE expr       { $$ = mk_binary(ctx, OP_LE, $1, $3, @$); }
	| expr '>' expr      { $$ = mk_binary(ctx, OP_GT, $1, $3, @$); }
	| expr GE expr       { $$ = mk_binary(ctx, OP_GE, $1, $3, @$); }
	| expr IN '(' arglist ')' {
		$$ = mk_expr(ctx, EXPR_IN, @$); $$->a = $1; $$->args = $4; deepen(ctx, $$);
	}
	| expr '+' expr      { $$ = mk_binary(ctx, OP_ADD, $1, $3, @$); }
	| expr '-' expr      { $$ = mk_binary(ctx, OP_SUB, $1, $3, @$); }
	| expr '*' expr      { $$ = mk_binary(ctx, OP_MUL, $1, $3, @$); }
	| expr '/' expr      { $$ = mk_binary(ctx, OP_DIV, $1, $3, @$); }
	| '-' expr %prec UMINUS {
		$$ = mk_expr(ctx, EXPR_UNARY, @$); $$->op = OP_NEG; $$->a = $2; deepen(ctx, $$);
	}
	| IF expr THEN expr ELSE expr {
		$$ = mk_expr(ctx, EXPR_IF, @$); $$->a = $2; $$->b = $4; $$->c = $6; deepen(ctx, $$);
	}
	;

primary:
	  NUMBER {
		$$ = mk_expr(ctx, EXPR_NUMBER, @$);
		$$->number = $1.value; $$->percent = $1.percent;
	}
	| string {
		$$ = mk_expr(ctx, EXPR_STRING, @$); $$->text = $1.s; $$->text_len = $1.len;
	}
	| TRUE               { $$ = mk_expr(ctx, EXPR_BOOL, @$); $$->boolean = true; }
	| FALSE              { $$ = mk_expr(ctx, EXPR_BOOL, @$); $$->boolean = false; }
	| DATE               { $$ = mk_expr(ctx, EXPR_DATE, @$); $$->date = $1; }
	| PERIOD             { $$ = mk_expr(ctx, EXPR_PERIOD, @$); $$->period = $1; }
	| DURATION           { $$ = mk_expr(ctx, EXPR_DURATION, @$); $$->duration = $1; }
	| name               { $$ = mk_expr(ctx, EXPR_NAME, @$); $$->name = $1; }
	| primary '.' name   { $$ = mk_expr(ctx, EXPR_FIELD, @$); $$->a = $1; $$->name = $3; deepen(ctx, $$); }
	| name '(' args ')'  { $$ = mk_expr(ctx, EXPR_CALL, @$); $$->name = $1; $$->args = $3; deepen(ctx, $$); }
	| '(' expr ')'       { $$ = $2; }
	;

args:
	  %empty             { memset(&$$, 0, sizeof $$); }
	| arglist
	;

arglist:
	  arg                { memset(&$$, 0, sizeof $$); ptr_vec_push(ctx->arena, &$$, $1); }
	| arglist ',' arg    { $$ = $1; ptr_vec_push(ctx->arena, &$$, $3); }
	;

arg:
	  expr
	| expr WHERE expr    { $$ = mk_expr(ctx, EXPR_WHERE, @$); $$->a = $1; $$->b = $3; deepen(ctx, $$); }
	;

%%

static ast_expr *mk_expr(parse_ctx *ctx, expr_kind kind, src_span span)
{
	ast_expr *e = arena_alloc(ctx->arena, sizeof *e);
	e->kind = kind;
	e->span = span;
	e->depth = 1;
	return e;
}

/* Sets the depth of a composite expression from its children; past the
 * limit, reports once and stops the parse. */
static ast_expr *deepen(parse_ctx *ctx, ast_expr *e)
{
	int d = 0;
	ast_expr *kids[] = {e->a, e->b, e->c};
	for (size_t i = 0; i < 3; i++)
		if (kids[i] && kids[i]->depth > d)
			d = kids[i]->depth;
	for (size_t i = 0; i < e->args.len; i++) {
		ast_expr *k = e->args.items[i];
		if (k->depth > d)
			d = k->depth;
	}
	e->depth = d + 1;
	if (e->depth > PARSE_MAX_EXPR_DEPTH && !ctx->stop) {
		diag_error(ctx->diags, e->span, "too-deep",
			   "expression nested deeper than %d levels",
			   PARSE_MAX_EXPR_DEPTH);
		ptr_vec_push(ctx->arena, &ctx->out->errors,
			     (void *)(uintptr_t)e->span.start);
		ctx->stop = true;
	}
	return e;
}

static ast_expr *mk_binary(parse_ctx *ctx, expr_op op, ast_expr *a,
			   ast_expr *b, src_span span)
{
	ast_expr *e = mk_expr(ctx, EXPR_BINARY, span);
	e->op = op;
	e->a = a;
	e->b = b;
	return deepen(ctx, e);
}

static ast_item *mk_item(parse_ctx *ctx, item_kind kind, src_span span)
{
	ast_item *it = arena_alloc(ctx->arena, sizeof *it);
	it->kind = kind;
	it->span = span;
	return it;
}

static ast_decl *mk_decl(parse_ctx *ctx, decl_kind kind, src_span span,
			 src_span keyword)
{
	ast_decl *d = arena_alloc(ctx->arena, sizeof *d);
	d->kind = kind;
	d->span = span;
	d->keyword_span = keyword;
	return d;
}

static ast_name mk_name(const char *s, src_span span)
{
	ast_name n = {s, span};
	return n;
}

static const char *soft(parse_ctx *ctx, const char *word)
{
	return intern_cstr(ctx->names, word);
}

/* Token names as users should read them: word classes bare, keywords and
 * punctuation in quotes. */
static const char *token_text(yysymbol_kind_t sym, char *buf, size_t size)
{
	switch (sym) {
	case YYSYMBOL_YYEOF: return "end of file";
	case YYSYMBOL_IDENT: return "identifier";
	case YYSYMBOL_STRING: return "string";
	case YYSYMBOL_NUMBER: return "number";
	case YYSYMBOL_DATE: return "date";
	case YYSYMBOL_PERIOD: return "period";
	case YYSYMBOL_DURATION: return "duration";
	default: break;
	}
	const char *name = yysymbol_name(sym);
	size_t len = strlen(name);
	if (name[0] == '\'')
		return name; /* a character token, already quoted: ')' */
	if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
		name++;
		len -= 2;
	}
	snprintf(buf, size, "'%.*s'", (int)len, name);
	return buf;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
				 parse_ctx *ctx)
{
	(void)scanner;
	yysymbol_kind_t lookahead = yypcontext_token(yyctx);
	/* The scanner has already explained a lexical error. */
	if (lookahead == YYSYMBOL_YYerror || ctx->stop)
		return 0;
	ctx->syntax_errors++;
	const src_span *at = yypcontext_location(yyctx);
	ptr_vec_push(ctx->arena, &ctx->out->errors, (void *)(uintptr_t)at->start);
	/* List the expected tokens when there are few; when there are many,
	 * name only the bracket that would close what is open. */
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(yyctx, expected, YYNTOKENS);
	char buf[64], msg[512];
	size_t len = (size_t)snprintf(msg, sizeof msg, "unexpected %s",
				      token_text(lookahead, buf, sizeof buf));
	/* A misspelt keyword reads as an identifier: find the keyword. */
	const char *near = NULL;
	if (lookahead == YYSYMBOL_IDENT) {
		const char *words[YYNTOKENS];
		size_t nw = 0;
		for (int i = 0; i < n; i++) {
			const char *w = token_text(expected[i], buf, sizeof buf);
			size_t wl = strlen(w);
			if (wl > 2 && w[0] == '\'' && w[1] >= 'a' && w[1] <= 'z')
				words[nw++] = arena_strndup(ctx->arena, w + 1, wl - 2);
		}
		const char *word = arena_strndup(ctx->arena, ctx->src->text + at->start,
						 at->end - at->start);
		near = diag_nearest(word, words, nw);
	}
	if (n > 5) {
		/* Keep what says most: a name, a closing bracket, the rest of
		 * an if; and '>=' when a comparison is all that can follow. */
		int k = 0;
		bool ge = false, arith = false;
		for (int i = 0; i < n; i++) {
			ge |= expected[i] == YYSYMBOL_GE;
			arith |= strcmp(yysymbol_name(expected[i]), "'+'") == 0;
			if (expected[i] == YYSYMBOL_IDENT || expected[i] == YYSYMBOL_ELSE ||
			    expected[i] == YYSYMBOL_THEN ||
			    strcmp(yysymbol_name(expected[i]), "')'") == 0 ||
			    strcmp(yysymbol_name(expected[i]), "'}'") == 0)
				expected[k++] = expected[i];
		}
		if (k == 0 && ge && !arith)
			expected[k++] = YYSYMBOL_GE;
		n = k;
	}
	for (int i = 0; i < n && len < sizeof msg; i++)
		len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s",
					i == 0 ? ", expecting " : i == n - 1 ? " or " : ", ",
					token_text(expected[i], buf, sizeof buf));
	diag *d = diag_error(ctx->diags, *at, "syntax", "%s", msg);
	if (near)
		diag_hint(ctx->diags, d, "did you mean '%s'?", near);
	if (lookahead == YYSYMBOL_YYEOF && ctx->depth > 0) {
		src_span open = ctx->open[ctx->depth - 1];
		const char *what = ctx->src->text[open.start] == '{' ? "block"
				 : "parenthesis";
		diag_note(ctx->diags, d, open, "the %s opened here is never closed",
			  what);
	}
	return 0;
}

/* Only for bison's own failures ("memory exhausted" on absurd nesting);
 * syntax errors go through yyreport_syntax_error. */
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, parse_ctx *ctx,
		    const char *msg)
{
	(void)scanner;
	diag_error(ctx->diags, *loc, "too-deep", "nesting deeper than the parser "
		   "can hold (%d levels): %s", YYMAXDEPTH, msg);
}
