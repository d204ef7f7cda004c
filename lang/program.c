/* program.c - loading rule files, includes and stdlib modules; see program.h. */
#include "program.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "resolve.h"
#include "modules.h"

/* Rule files are small; a larger one is almost certainly a mistake. */
#define MAX_FILE_SIZE (64u * 1024 * 1024)

program *program_new(void)
{
	arena *a = arena_new();
	if (!a)
		return NULL;
	program *p = arena_alloc(a, sizeof *p);
	p->arena = a;
	src_set_init(&p->srcs, a);
	intern_init(&p->names, a);
	diag_init(&p->diags, a);
	return p;
}

void program_free(program *p)
{
	if (p)
		arena_free(p->arena);
}

char *program_read_stream(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	int err = 0;
	while (buf) {
		if (n == cap) {
			if (cap >= MAX_FILE_SIZE) {
				err = EFBIG;
				break;
			}
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				err = ENOMEM;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	if (!buf || err) {
		free(buf);
		errno = err ? err : ENOMEM;
		return NULL;
	}
	*len = n;
	return buf;
}

char *program_read_file(arena *a, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = program_read_stream(f, len);
	int err = errno;
	fclose(f);
	if (!buf) {
		errno = err;
		return NULL;
	}
	char *out = arena_strndup(a, buf, *len);
	free(buf);
	return out;
}

static bool contains(const ptr_vec *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

static void load_parsed(program *p, uint16_t id, const char *dir);
static uint16_t loaded_id(const program *p, const char *key);

/* The directory part of a path, with a trailing '/', or "" for none. */
static const char *dir_of(arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? arena_strndup(a, path, (size_t)(slash - path + 1)) : "";
}

static uint16_t load_path(program *p, const char *path, src_span from)
{
	char real[PATH_MAX];
	const char *key = realpath(path, real) ? real : path;
	if (contains(&p->loading, key)) {
		diag *d = diag_error(&p->diags, from, "include-cycle",
				     "include cycle: '%s' includes itself", path);
		/* Spell out the chain from the file that started it. */
		size_t start = 0;
		while (start < p->loading.len &&
		       strcmp(p->loading.items[start], key) != 0)
			start++;
		char *chain = arena_strdup(p->arena, "");
		for (size_t i = start; i < p->loading.len; i++)
			chain = arena_printf(p->arena, "%s%s -> ", chain,
					     (const char *)p->loading_names.items[i]);
		diag_hint(&p->diags, d, "the chain is %s%s", chain, path);
		return 0;
	}
	if (contains(&p->loaded, key))
		return loaded_id(p, key); /* included twice: loaded once */

	size_t len = 0;
	char *text = program_read_file(p->arena, path, &len);
	if (!text) {
		int err = errno;
		diag_error(&p->diags, from, "cannot-read", "cannot read '%s': %s",
			   path, strerror(err));
		return 0;
	}
	uint16_t id = src_add(&p->srcs, path, key, text, len);
	if (!id) {
		diag_error(&p->diags, from, "too-many-files",
			   "too many rule files in one program");
		return 0;
	}
	const char *k = arena_strdup(p->arena, key);
	ptr_vec_push(p->arena, &p->loaded, (void *)k);
	ptr_vec_push(p->arena, &p->loaded_ids, (void *)(uintptr_t)id);
	ptr_vec_push(p->arena, &p->loading, (void *)k);
	ptr_vec_push(p->arena, &p->loading_names, (void *)arena_strdup(p->arena, path));
	load_parsed(p, id, dir_of(p->arena, path));
	p->loading.len--;
	p->loading_names.len--;
	return id;
}

bool program_load_file(program *p, const char *path)
{
	return load_path(p, path, (src_span){0, 0, 0}) != 0;
}

static uint16_t loaded_id(const program *p, const char *key)
{
	for (size_t i = 0; i < p->loaded.len; i++)
		if (strcmp(p->loaded.items[i], key) == 0)
			return (uint16_t)(uintptr_t)p->loaded_ids.items[i];
	return 0;
}

bool program_load_text(program *p, const char *name, const char *text,
		       size_t len)
{
	return program_load_text_at(p, name, "", text, len);
}

bool program_load_text_at(program *p, const char *name, const char *dir,
			  const char *text, size_t len)
{
	uint16_t id = src_add(&p->srcs, name, NULL, text, len);
	if (!id)
		return false;
	load_parsed(p, id, arena_strdup(p->arena, dir));
	return true;
}

static const stdlib_module *find_module(const char *name)
{
	for (size_t i = 0; i < stdlib_module_count; i++)
		if (strcmp(stdlib_modules[i].name, name) == 0)
			return &stdlib_modules[i];
	return NULL;
}

static uint16_t load_module(program *p, const char *name, src_span from)
{
	const stdlib_module *m = find_module(name);
	if (!m) {
		const char *names[64];
		size_t n = 0;
		for (size_t i = 0; i < stdlib_module_count && n < 64; i++)
			names[n++] = stdlib_modules[i].name;
		p->failed_uses++;
		diag *d = diag_error(&p->diags, from, "unknown-module",
				     "no stdlib module named '%s'", name);
		const char *near = diag_nearest(name, names, n);
		if (near)
			diag_hint(&p->diags, d, "did you mean '%s'?", near);
		else
			diag_hint(&p->diags, d, "run 'rubric stdlib' to list the modules");
		return 0;
	}
	const char *key = arena_printf(p->arena, "<%s>", m->name);
	if (contains(&p->loaded, key))
		return loaded_id(p, key);
	if (contains(&p->loading, key)) {
		diag_error(&p->diags, from, "include-cycle",
			   "module '%s' uses itself", name);
		return 0;
	}
	uint16_t id = src_add(&p->srcs, m->file, NULL, m->text, m->len);
	if (!id)
		return 0;
	p->srcs.files[id]->module = m->name;
	ptr_vec_push(p->arena, &p->loaded, (void *)key);
	ptr_vec_push(p->arena, &p->loaded_ids, (void *)(uintptr_t)id);
	ptr_vec_push(p->arena, &p->loading, (void *)key);
	ptr_vec_push(p->arena, &p->loading_names, (void *)m->file);
	load_parsed(p, id, NULL);
	p->loading.len--;
	p->loading_names.len--;
	return id;
}

/* Parses file `id` and follows its include and use declarations.  dir is
 * where relative includes are found; NULL for stdlib modules, which may
 * only use other modules. */
static void load_parsed(program *p, uint16_t id, const char *dir)
{
	ast_file *f = parse_file(p->arena, &p->names, &p->diags, &p->srcs, id);
	ptr_vec_push(p->arena, &p->files, f);
	for (size_t i = 0; i < f->decls.len; i++) {
		ast_decl *d = f->decls.items[i];
		if (d->kind == DECL_USE) {
			d->target = load_module(p, d->name.s, d->name.span);
		} else if (d->kind == DECL_INCLUDE) {
			if (!dir) {
				diag_error(&p->diags, d->span, "include-in-stdlib",
					   "a stdlib module cannot include files");
				continue;
			}
			if (d->title[0] == '\0') {
				diag_error(&p->diags, d->title_span, "cannot-read",
					   "include needs a file name");
				continue;
			}
			const char *path = d->title[0] == '/' ? d->title
				: arena_printf(p->arena, "%s%s", dir, d->title);
			d->target = load_path(p, path, d->title_span);
		}
	}
}

bool program_check(program *p)
{
	p->model = resolve_program(p);
	return p->diags.errors == 0;
}

bool program_check_strict(program *p)
{
	if (p->model)
		resolve_strict(p->model, &p->srcs, &p->diags);
	return p->diags.errors == 0;
}

const char *program_path_beside(program *p, uint16_t file, const char *path)
{
	const src_file *f = src_get(&p->srcs, file);
	if (path[0] == '/' || !f || !f->path)
		return path;
	const char *dir = dir_of(p->arena, f->name);
	return *dir ? arena_printf(p->arena, "%s%s", dir, path) : path;
}
