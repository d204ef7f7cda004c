#!/bin/sh
# bench360_sqlite.sh - Rubric's bench360 scores against SQLite's.
#
# Builds tools/gen360.c, generates people and ratings for
# examples/bench360, and checks every number `rubric eval --format csv`
# prints against tests/e2e/bench360.sql run by sqlite3:
#
#   - the header, and the same subjects and competencies in the same order;
#   - required equal, and score and gap within 0.0001 of SQLite's
#     floating-point result (empty exactly where SQLite has no score);
#   - byte for byte equal to SQLite's exact integer computation rounded
#     half-even (the double path may differ by one in the last place on an
#     exact tie, which SQLite's printf rounds away from zero);
#   - the `--table relations` rows (raters, shown means, withheld status);
#   - the same output with the people and the ratings in reverse order.
# The data must hold withheld relations and no duplicate ratings.
#
# Runs with RUBRIC set to the rubric binary; needs sqlite3 and a C compiler
# (CC, default cc).  Stops at the first mismatch, showing both rows.
set -eu
: "${RUBRIC:?set RUBRIC to the rubric binary}"
cd "$(dirname "$0")/../.."

command -v sqlite3 >/dev/null 2>&1 || {
	echo "bench360_sqlite: sqlite3 is needed (apt-get install sqlite3)" >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rules=examples/bench360/bench360.rubric
people=400

${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$tmp/gen360" tools/gen360.c

fail() {
	echo "bench360_sqlite: $*" >&2
	exit 1
}

# check SEED RATERS
check() {
	seed=$1 raters=$2
	d="$tmp/s$seed"
	mkdir "$d" "$d/again"
	"$tmp/gen360" --people "$people" --raters "$raters" --seed "$seed" "$d"
	"$tmp/gen360" --people "$people" --raters "$raters" --seed "$seed" "$d/again"
	if ! cmp -s "$d/people.csv" "$d/again/people.csv" ||
		! cmp -s "$d/ratings.csv" "$d/again/ratings.csv"; then
		fail "seed $seed: gen360 is not deterministic"
	fi

	db="$d/bench.db"
	sqlite3 -bail "$db" < tests/e2e/bench360.sql
	sqlite3 -bail "$db" \
		".import --csv --skip 1 '$d/people.csv' people" \
		".import --csv --skip 1 '$d/ratings.csv' ratings"

	dups=$(sqlite3 "$db" 'SELECT count(*) FROM duplicates')
	[ "$dups" -eq 0 ] || fail "seed $seed: $dups duplicate ratings"
	withheld=$(sqlite3 "$db" 'SELECT count(*) FROM withheld_groups')
	[ "$withheld" -gt 0 ] ||
		fail "seed $seed: no withheld relation in the data; the test would prove little"

	"$RUBRIC" eval "$rules" --data people="$d/people.csv" \
		--data ratings="$d/ratings.csv" --format csv > "$d/rubric.csv" ||
		fail "seed $seed: rubric eval failed"
	head -n 1 "$d/rubric.csv" > "$d/header"
	[ "$(cat "$d/header")" = "subject,competency,score,required,gap" ] ||
		fail "seed $seed: header is '$(cat "$d/header")'"
	tail -n +2 "$d/rubric.csv" > "$d/rubric.rows"
	sqlite3 -csv "$db" 'SELECT * FROM scores' > "$d/sqlite.rows"
	sqlite3 -csv "$db" 'SELECT * FROM scores_exact' > "$d/exact.rows"

	# Row by row, in ten-thousandths so that the tolerance is exact.
	rows=$(awk -F, -v other="$d/sqlite.rows" -v seed="$seed" '
		function u(s, p) {       # "3.2444" -> 32444; "" stays ""
			if (s == "") return ""
			split(s, p, ".")
			return p[1] * 10000 + p[2]
		}
		function near(a, b) {
			if (a == "" || b == "") return a == b
			a = u(a); b = u(b)
			return (a > b ? a - b : b - a) <= 1
		}
		function bad(why) {
			failed = 1
			printf "bench360_sqlite: seed %s, data row %d: %s\n  rubric: %s\n  sqlite: %s\n",
				seed, NR, why, $0, line > "/dev/stderr"
			exit 1
		}
		{
			if ((getline line < other) <= 0) bad("SQLite has fewer rows")
			split(line, s, ",")
			if (NF != 5) bad("not 5 fields")
			if ($1 != s[1] || $2 != s[2]) bad("different subject or competency")
			if ($4 != s[4]) bad("different required")
			if (!near($3, s[3])) bad("different score")
			if (!near($5, s[5])) bad("different gap")
		}
		END {
			if (failed) exit 1
			if ((getline line < other) > 0) { $0 = ""; NR++; bad("SQLite has more rows") }
			print NR
		}' "$d/rubric.rows")
	[ "$rows" -gt 0 ] || fail "seed $seed: no rows"

	# Exactly: the first differing row, if any.
	if ! cmp -s "$d/rubric.rows" "$d/exact.rows"; then
		paste -d '\n' "$d/rubric.rows" "$d/exact.rows" | awk -v seed="$seed" '
			NR % 2 { r = $0; next }
			r != $0 {
				printf "bench360_sqlite: seed %s, data row %d differs from the exact half-even result\n  rubric: %s\n  exact:  %s\n",
					seed, NR / 2, r, $0 > "/dev/stderr"
				exit
			}'
		[ "$(wc -l < "$d/rubric.rows")" -eq "$(wc -l < "$d/exact.rows")" ] ||
			echo "bench360_sqlite: seed $seed: row counts differ" >&2
		exit 1
	fi
	ties=$(paste -d '|' "$d/sqlite.rows" "$d/exact.rows" |
		awk -F'|' '$1 != $2 { n++ } END { print n + 0 }')

	# The relations table: raters, shown means, withheld status.
	"$RUBRIC" eval "$rules" --data people="$d/people.csv" \
		--data ratings="$d/ratings.csv" --format csv --table relations |
		tail -n +2 > "$d/rubric.rel"
	sqlite3 -csv "$db" 'SELECT * FROM relations_exact' > "$d/exact.rel"
	if ! cmp -s "$d/rubric.rel" "$d/exact.rel"; then
		diff "$d/rubric.rel" "$d/exact.rel" | head -n 6 >&2
		fail "seed $seed: --table relations differs (< rubric, > sqlite)"
	fi

	# The order of the rows does not matter: with both files reversed
	# (people in descending id order), Rubric must sort the subjects.
	for f in people ratings; do
		{ head -n 1 "$d/$f.csv"; tail -n +2 "$d/$f.csv" | LC_ALL=C sort -r; } \
			> "$d/$f.reversed.csv"
	done
	"$RUBRIC" eval "$rules" --data people="$d/people.reversed.csv" \
		--data ratings="$d/ratings.reversed.csv" --format csv |
		cmp -s - "$d/rubric.csv" ||
		fail "seed $seed: the output depends on the order of the rows"

	empty=$(awk -F, '$3 == "" { n++ } END { print n + 0 }' "$d/rubric.rows")
	echo "bench360_sqlite: seed $seed, raters $raters: $rows rows compared" \
		"($empty without a score; $withheld withheld relation groups;" \
		"$ties rows where SQLite's doubles round a tie away from zero," \
		"not half-even)"
}

check 1 3    # the benchmark's shape: about 70 ratings per person
check 2 6    # groups up to 8 raters: exact ties at the 5th decimal
