/* resolve_strict.c - what `rubric check --strict` requires; see resolve.h.
 *
 * Strict mode asks that every rule set can be traced: what version of the
 * rules it is and from when it applies, who answers for it, and, for each
 * declaration that states policy, who owns it and which regulation or
 * document it comes from.  The set, and why:
 *
 *   the header     version, effective, owner: which rules a report used,
 *                  from when they apply, who answers for the rule set;
 *   a framework    owner, source: it defines what is assessed;
 *   a scorecard    owner, source: it states the institution's goals and
 *                  the document its targets come from;
 *   a measure      owner: it carries the targets, each a commitment that
 *                  someone answers for.  Its source is the scorecard's
 *                  unless it gives its own, so one is not required.
 *
 * `approver` is never required: many institutions record approval outside
 * the rules.  Declarations in stdlib modules and in blocks with syntax
 * errors (whose items may have been lost) are not checked.  A new kind of
 * declaration that states policy adds one `require` call below.
 */
#include "resolve.h"


/* One error for a declaration that lacks some of the items asked for. */
static void require(diag_list *d, const src_set *srcs, const m_governance *g,
		    const char *what, bool owner, bool source)
{
	if (g->incomplete || g->span.file == 0)
		return;
	const src_file *f = src_get(srcs, g->span.file);
	if (f && f->module)
		return;
	bool no_owner = owner && !g->owner, no_source = source && !g->source;
	if (!no_owner && !no_source)
		return;
	diag *e = diag_error(d, g->span, "missing-governance",
			     "%s has no %s%s%s (--strict requires %s)", what,
			     no_owner ? "owner" : "",
			     no_owner && no_source ? " and no " : "",
			     no_source ? "source" : "",
			     owner && source ? "an owner and a source"
			     : owner ? "an owner" : "a source");
	diag_hint(d, e, "add %s%s%s", no_owner ? "owner \"UNIT\"" : "",
		  no_owner && no_source ? " and " : "",
		  no_source ? "source \"REGULATION OR DOCUMENT\"" : "");
}

/* The first rule file that is not a stdlib module: where a missing header
 * is reported. */
static uint16_t first_rule_file(const src_set *srcs)
{
	for (size_t i = 1; i < srcs->len; i++)
		if (!srcs->files[i]->module)
			return (uint16_t)i;
	return 0;
}

static void require_header(const model *m, const src_set *srcs, diag_list *d)
{
	const m_governance *g = &m->governance;
	if (g->span.file == 0) {
		uint16_t f = first_rule_file(srcs);
		if (!f)
			return;
		diag *e = diag_error(d, (src_span){0, 0, f}, "missing-governance",
				     "the rule set has no 'rubric' header (--strict "
				     "requires one with version, effective and owner)");
		diag_hint(d, e, "begin the file with rubric \"TITLE\" { version \"1\" "
			  "effective YYYY-MM-DD owner \"UNIT\" }");
		return;
	}
	if (g->incomplete)
		return;
	static const char *const items[] = {"version", "effective", "owner"};
	static const char *const forms[] = {"version \"VERSION\"",
					    "effective YYYY-MM-DD", "owner \"UNIT\""};
	bool absent[] = {!m->version, !m->has_effective, !g->owner};
	size_t n = absent[0] + absent[1] + absent[2];
	if (n == 0)
		return;
	const char *list = "", *add = "";
	for (size_t i = 0, k = 0; i < 3; i++) {
		if (!absent[i])
			continue;
		const char *sep = k == 0 ? "" : k + 1 == n ? " and " : ", ";
		list = arena_printf(d->arena, "%s%s'%s'", list, sep, items[i]);
		add = arena_printf(d->arena, "%s%s%s", add, sep, forms[i]);
		k++;
	}
	diag *e = diag_error(d, g->span, "missing-governance",
			     "the header lacks %s (--strict requires 'version', "
			     "'effective' and 'owner')", list);
	diag_hint(d, e, "add %s to the 'rubric' header", add);
}

void resolve_strict(const model *m, const src_set *srcs, diag_list *d)
{
	require_header(m, srcs, d);
	for (size_t i = 0; i < m->frameworks.len; i++) {
		const m_framework *f = m->frameworks.items[i];
		require(d, srcs, &f->governance,
			arena_printf(d->arena, "framework '%s'", f->name.s), true, true);
	}
	for (size_t i = 0; i < m->scorecards.len; i++) {
		const m_scorecard *s = m->scorecards.items[i];
		require(d, srcs, &s->governance,
			arena_printf(d->arena, "scorecard '%s'", s->name.s), true, true);
		for (size_t j = 0; j < s->measures.len; j++) {
			const m_measure *ms = s->measures.items[j];
			require(d, srcs, &ms->governance,
				arena_printf(d->arena, "measure '%s'", ms->name.s),
				true, false);
		}
	}
	/* A certification decides who may do a job: who owns it and which
	 * regulation it applies must be on record. */
	for (size_t i = 0; i < m->certifications.len; i++) {
		const m_certification *c = m->certifications.items[i];
		require(d, srcs, &c->governance,
			arena_printf(d->arena, "certification '%s'", c->name.s), true, true);
	}
}
