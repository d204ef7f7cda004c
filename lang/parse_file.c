/* parse_file.c - the one entry point that owns a whole parse; see parse.h. */
#include "parse.h"

#include "parse.tab.h"
#include "lex.yy.h"

ast_file *parse_file(arena *a, intern_table *names, diag_list *diags,
		     const src_set *srcs, uint16_t file)
{
	parse_ctx ctx = {0};
	ctx.arena = a;
	ctx.names = names;
	ctx.diags = diags;
	ctx.src = src_get(srcs, file);
	ctx.file = file;
	ctx.out = arena_alloc(a, sizeof *ctx.out);
	ctx.out->file = file;

	yyscan_t scanner;
	if (yylex_init_extra(&ctx, &scanner) != 0) {
		diag_error(diags, (src_span){0, 0, file}, "out-of-memory",
			   "out of memory while reading this file");
		return ctx.out;
	}
	YY_BUFFER_STATE buf = yy_scan_bytes(ctx.src->text, (int)ctx.src->len,
					    scanner);
	yyparse(scanner, &ctx);
	yy_delete_buffer(buf, scanner);
	yylex_destroy(scanner);
	return ctx.out;
}
