# Scoring a large assessment in two halves on two threads (runtime/assess.c,
# score_subjects) reports what one thread reports: the same scores, and
# under 'missing error' the first subject in order that fails, whichever
# half it is in.  10,000 subjects: above the size that is split.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cat >"$d/rules.rubric" <<'RULES'
use std.scales

framework f "One competence" {
  scale likert5
  competency leadership "Leadership"
}

data people "People" {
  key id
  path "people.csv"
  column role -> profile
}

data ratings "Ratings" {
  path "ratings.csv"
  column subject -> people
  column rater
  column relation in (superior)
  column competency -> f
  column score integer in 1..5
}

profile staff "Staff" {
  require all >= competent
}

assessment a "Superiors only" {
  ratings ratings
  subjects people
  relation superior weight 100%
  missing error
}
RULES
# people.csv with all 10,000; ratings.csv leaving out the subjects given.
make_data() {
	awk -v skip="$1" 'BEGIN {
		n = split(skip, s, ",")
		for (i = 1; i <= n; i++) left[s[i]] = 1
		print "id,role" > "'"$d"'/people.csv"
		print "subject,rater,relation,competency,score" > "'"$d"'/ratings.csv"
		for (p = 1; p <= 10000; p++) {
			printf "S%05d,staff\n", p > "'"$d"'/people.csv"
			if (!(p in left))
				printf "S%05d,B%05d,superior,leadership,%d\n", p, p, p % 5 + 1 > "'"$d"'/ratings.csv"
		}
	}'
}
run() { # name threads
	(cd "$d" && "$RUBRIC" eval --threads "$2" --format csv rules.rubric >"$d/$1" 2>"$d/$1.err") || true
}
same() {
	cmp -s "$d/$1" "$d/$2" || { echo "differ: $1 $2"; diff "$d/$1" "$d/$2" | head; exit 1; }
}
make_data ""
run all1 1; run all2 2
same all1 all2; same all1.err all2.err
[ "$(grep -c '' "$d/all1")" -eq 10001 ] || { echo "expected 10,000 rows"; exit 1; }

make_data "7000,3000"       # one in each half: the first is reported
run both1 1; run both2 2
same both1.err both2.err
grep -q "'S03000' has no ratings" "$d/both2.err" || { cat "$d/both2.err"; exit 1; }

make_data "7000"            # in the second half only
run late1 1; run late2 2
same late1.err late2.err
grep -q "'S07000' has no ratings" "$d/late2.err" || { cat "$d/late2.err"; exit 1; }
