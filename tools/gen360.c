/*
 * gen360.c - deterministic test data for examples/bench360.
 *
 *   gen360 --people N [--raters K] [--seed S] OUTDIR
 *
 * writes OUTDIR/people.csv (id,name,unit,role) and OUTDIR/ratings.csv
 * (subject,rater,relation,competency,score) for the contract in
 * examples/bench360/bench360.rubric.  OUTDIR must exist.
 *
 * Same arguments, same bytes, on every machine: one splitmix64 stream
 * seeded by --seed (default 1), integer arithmetic only (no floating
 * point, no locale, no time, no rand()).
 *
 * People.  Ids P0000001..P9999999 (zero-padded, so byte order is numeric
 * order); a Spanish given name and two surnames; a unit U01..U60; a role:
 * about 5% strategic, 25% tactical, 70% operational.
 *
 * Raters of each subject, all distinct people:
 *   self          the subject, in 92% of subjects
 *   superior      one other person, in 90% of subjects
 *   peer          n other people, and collaborator likewise, where n is
 *                 K-1, K or K+1 (80% of the time) or anything in 1..K+2
 *                 (20%), never below 1.  With minimum 3, small n leaves
 *                 a relation withheld; this is on purpose.
 * Raters come from the subject's unit when it is big enough, else from
 * everyone.  Every rater rates all nine competencies, so no
 * (subject, rater, relation, competency) repeats.
 *
 * Scores 1..5: the subject's level (1.8 to 4.6), a per-subject offset per
 * competency, the rater's leniency (fixed per rater), +0.5 for self
 * ratings, and noise; rounded and clamped.
 *
 * Row order: grouped by subject in id order; within a subject, rater by
 * rater (self, superior, peers, collaborators), each rater's nine
 * competencies in the rule file's order.
 *
 * Size: a subject has about 2.4 + 1.8K raters (0.92 + 0.90 + 2 (0.9K +
 * 0.3)), 9 rows each, ~44 bytes a row.  The default K = 3 gives
 * about 70 rows per person: 7,030,639 rows (312 MB) for 100,000 people and
 * 27,504,055 (1.2 GB) for 391,000.  K = 7 gives about 15 raters, 135 rows
 * per person: 52.9 million rows (2.4 GB) for 391,000.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -o gen360 tools/gen360.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PEOPLE 9999999u   /* 7 digits after the P */
#define MAX_RATERS 1000u
#define UNITS 60u
#define NCOMP 9

static const char *const competencies[NCOMP] = {
	"client_care", "change_management", "decision_making",
	"associative_management", "diversity_management", "strategic_thinking",
	"communication", "leadership", "teamwork",
};

static const char *const given[] = {
	"José", "María", "Juan", "Guadalupe", "Francisco", "Ana", "Luis",
	"Patricia", "Carlos", "Verónica", "Jorge", "Leticia", "Miguel",
	"Rosa", "Alejandro", "Gabriela", "Roberto", "Adriana", "Fernando",
	"Claudia", "Ricardo", "Silvia", "Eduardo", "Martha", "Javier",
	"Laura", "Raúl", "Elena", "Sergio", "Mónica", "Arturo", "Beatriz",
	"Héctor", "Norma", "Manuel", "Alicia", "Óscar", "Teresa", "Jesús",
	"Sofía",
};

static const char *const surnames[] = {
	"Hernández", "García", "Martínez", "López", "González", "Pérez",
	"Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez",
	"Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz",
	"Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno",
	"Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera",
	"Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro",
	"Vargas", "Guzmán", "Velázquez", "Rojas",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { STRATEGIC, TACTICAL, OPERATIONAL };
static const char *const roles[] = {"strategic", "tactical", "operational"};

/* ---- random numbers ------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in 0..n-1 (n < 2^32); the bias is below 2^-32 * n. */
static uint32_t below(uint32_t n)
{
	return (uint32_t)(((splitmix64(&rng_state) >> 32) * n) >> 32);
}

/* Uniform in lo..hi. */
static int between(int lo, int hi)
{
	return lo + (int)below((uint32_t)(hi - lo + 1));
}

/* A rater's leniency in tenths (-4..4): a pure function of the rater and
 * the seed, so the same rater is lenient or harsh on every subject. */
static int leniency(uint32_t person, uint64_t seed)
{
	uint64_t s = seed ^ ((uint64_t)person * 0xD1B54A32D192ED03ull);
	return (int)(splitmix64(&s) % 9) - 4;
}

/* ---- output -------------------------------------------------------------- */

typedef struct out {
	FILE *f;
	const char *path;
	char *buf;
	size_t len, cap;
} out;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen360: %s: %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void out_open(out *o, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	o->cap = 1u << 22;
	o->buf = malloc(o->cap);
	if (!path || !o->buf) {
		fputs("gen360: out of memory\n", stderr);
		exit(1);
	}
	snprintf(path, n, "%s/%s", dir, name);
	o->path = path;
	o->len = 0;
	o->f = fopen(path, "wb");
	if (!o->f)
		die("cannot write", path);
}

static void out_flush(out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write", o->path);
	o->len = 0;
}

static void out_close(out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die("cannot write", o->path);
	free((char *)o->path);
	free(o->buf);
}

/* Room for at least one row (rows are far shorter than 1 KiB). */
static char *out_room(out *o)
{
	if (o->cap - o->len < 1024)
		out_flush(o);
	return o->buf + o->len;
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* "P" and 7 digits of the 1-based person number. */
static char *put_id(char *p, uint32_t number)
{
	*p++ = 'P';
	for (int i = 6; i >= 0; i--) {
		p[i] = (char)('0' + number % 10);
		number /= 10;
	}
	return p + 7;
}

/* ---- arguments ----------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: gen360 --people N [--raters K] [--seed S] OUTDIR\n"
	      "writes OUTDIR/people.csv and OUTDIR/ratings.csv for "
	      "examples/bench360\n"
	      "  --people N   number of people (1..9999999)\n"
	      "  --raters K   peers and collaborators per subject, about "
	      "(default 3)\n"
	      "  --seed S     random seed, 0..2^64-1 (default 1)\n", stderr);
	exit(2);
}

static uint64_t number_arg(const char *opt, const char *s, uint64_t lo,
			   uint64_t hi)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno || v < lo || v > hi) {
		fprintf(stderr, "gen360: %s needs a whole number from %llu to "
			"%llu, not '%s'\n", opt, (unsigned long long)lo,
			(unsigned long long)hi, s);
		exit(2);
	}
	return v;
}

/* ---- the data ------------------------------------------------------------ */

typedef struct person {
	uint8_t unit;   /* 0..59 */
	uint8_t role;
} person;

static person *people;
static uint32_t npeople;
static uint32_t *unit_members;   /* people grouped by unit */
static uint32_t unit_start[UNITS + 1];

static void make_people(const char *dir)
{
	out o;
	out_open(&o, dir, "people.csv");
	char *p = out_room(&o);
	p = put(p, "id,name,unit,role\n", 18);
	o.len = (size_t)(p - o.buf);
	for (uint32_t i = 0; i < npeople; i++) {
		person *x = &people[i];
		x->unit = (uint8_t)below(UNITS);
		uint32_t r = below(100);
		x->role = r < 5 ? STRATEGIC : r < 30 ? TACTICAL : OPERATIONAL;
		const char *g = given[below(COUNT(given))];
		const char *s1 = surnames[below(COUNT(surnames))];
		const char *s2 = surnames[below(COUNT(surnames))];
		p = out_room(&o);
		p = put_id(p, i + 1);
		*p++ = ',';
		p = put(p, g, strlen(g));
		*p++ = ' ';
		p = put(p, s1, strlen(s1));
		*p++ = ' ';
		p = put(p, s2, strlen(s2));
		p = put(p, ",U", 2);
		*p++ = (char)('0' + (x->unit + 1) / 10);
		*p++ = (char)('0' + (x->unit + 1) % 10);
		*p++ = ',';
		p = put(p, roles[x->role], strlen(roles[x->role]));
		*p++ = '\n';
		o.len = (size_t)(p - o.buf);
	}
	out_close(&o);

	/* Index the units (a counting sort keeps each unit in id order). */
	unit_members = malloc((size_t)npeople * sizeof *unit_members);
	if (!unit_members) {
		fputs("gen360: out of memory\n", stderr);
		exit(1);
	}
	uint32_t fill[UNITS];
	memset(unit_start, 0, sizeof unit_start);
	for (uint32_t i = 0; i < npeople; i++)
		unit_start[people[i].unit + 1]++;
	for (uint32_t u = 0; u < UNITS; u++) {
		unit_start[u + 1] += unit_start[u];
		fill[u] = unit_start[u];
	}
	for (uint32_t i = 0; i < npeople; i++)
		unit_members[fill[people[i].unit]++] = i;
}

/* How many peers (or collaborators): K-1..K+1 mostly, sometimes 1..K+2. */
static int relation_size(int k)
{
	int n = below(5) == 0 ? between(1, k + 2) : between(k - 1, k + 1);
	return n < 1 ? 1 : n;
}

static const char *const rel_text[] = {"self", "superior", "peer",
				       "collaborator"};

static void make_ratings(const char *dir, int k, uint64_t seed)
{
	out o;
	out_open(&o, dir, "ratings.csv");
	char *p = out_room(&o);
	p = put(p, "subject,rater,relation,competency,score\n", 40);
	o.len = (size_t)(p - o.buf);

	size_t comp_len[NCOMP], rel_len[4];
	for (int c = 0; c < NCOMP; c++)
		comp_len[c] = strlen(competencies[c]);
	for (int r = 0; r < 4; r++)
		rel_len[r] = strlen(rel_text[r]);

	size_t max_raters = 2 + 2 * ((size_t)k + 2);
	uint32_t *rater = malloc(max_raters * sizeof *rater);
	uint8_t *rel = malloc(max_raters * sizeof *rel);
	if (!rater || !rel) {
		fputs("gen360: out of memory\n", stderr);
		exit(1);
	}

	for (uint32_t s = 0; s < npeople; s++) {
		/* Who rates s, and as what. */
		int want[4];
		want[0] = below(100) < 92;
		want[1] = below(100) < 90;
		want[2] = relation_size(k);
		want[3] = relation_size(k);
		/* Others needed; there are only npeople - 1 of them. */
		uint32_t others = (uint32_t)(want[1] + want[2] + want[3]);
		for (int r = 3; others > npeople - 1; r = r == 1 ? 3 : r - 1)
			if (want[r] > 0) {
				want[r]--;
				others--;
			}
		const person *x = &people[s];
		uint32_t ufrom = unit_start[x->unit];
		uint32_t usize = unit_start[x->unit + 1] - ufrom;
		/* From the unit when it has twice the others needed. */
		int in_unit = usize - 1 >= 2 * others;
		size_t n = 0;
		if (want[0]) {
			rater[n] = s;
			rel[n++] = 0;
		}
		for (int r = 1; r < 4; r++)
			for (int j = 0; j < want[r]; j++) {
				uint32_t who;
				int fresh;
				do {
					who = in_unit ? unit_members[ufrom + below(usize)]
						: below(npeople);
					fresh = who != s;
					for (size_t i = 0; i < n && fresh; i++)
						fresh = rater[i] != who;
				} while (!fresh);
				rater[n] = who;
				rel[n++] = (uint8_t)r;
			}

		/* The subject's level and competency profile, in tenths. */
		int level = between(18, 46);
		int offset[NCOMP];
		for (int c = 0; c < NCOMP; c++)
			offset[c] = between(-6, 6);

		char sid[8];
		put_id(sid, s + 1);
		for (size_t i = 0; i < n; i++) {
			char rid[8];
			put_id(rid, rater[i] + 1);
			int bias = leniency(rater[i], seed) + (rel[i] == 0 ? 5 : 0);
			for (int c = 0; c < NCOMP; c++) {
				int t = level + offset[c] + bias + between(-8, 8);
				int score = (t + 5) / 10;   /* t > -5 here */
				score = score < 1 ? 1 : score > 5 ? 5 : score;
				p = out_room(&o);
				p = put(p, sid, 8);
				*p++ = ',';
				p = put(p, rid, 8);
				*p++ = ',';
				p = put(p, rel_text[rel[i]], rel_len[rel[i]]);
				*p++ = ',';
				p = put(p, competencies[c], comp_len[c]);
				*p++ = ',';
				*p++ = (char)('0' + score);
				*p++ = '\n';
				o.len = (size_t)(p - o.buf);
			}
		}
	}
	free(rater);
	free(rel);
	out_close(&o);
}

int main(int argc, char **argv)
{
	uint64_t n = 0, k = 3, seed = 1;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage();
		if (!strcmp(a, "--people") || !strcmp(a, "--raters") ||
		    !strcmp(a, "--seed")) {
			if (i + 1 == argc)
				usage();
			const char *v = argv[++i];
			if (!strcmp(a, "--people"))
				n = number_arg(a, v, 1, MAX_PEOPLE);
			else if (!strcmp(a, "--raters"))
				k = number_arg(a, v, 1, MAX_RATERS);
			else
				seed = number_arg(a, v, 0, UINT64_MAX);
		} else if (a[0] == '-' || dir) {
			usage();
		} else {
			dir = a;
		}
	}
	if (!n || !dir)
		usage();
	npeople = (uint32_t)n;
	people = malloc((size_t)npeople * sizeof *people);
	if (!people) {
		fputs("gen360: out of memory\n", stderr);
		exit(1);
	}
	rng_state = seed;
	make_people(dir);
	make_ratings(dir, (int)k, seed);
	free(people);
	free(unit_members);
	return 0;
}
