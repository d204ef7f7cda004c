# Sums near the 64-bit limit, a ratings file read in two parts on two
# threads: the result is what one thread gives, as the second part's
# accumulator alone cannot tell whether a sum fits (assess_join).
#  1. A's -9e18 in the first part makes room for 5 + 9223372036854775805
#     in the second: read in one pass nothing is refused, but the second
#     part alone refused its last row ("too large").
#  2. B's 0.5 in the first part counts sums in halves, so A's 5.5e18 in
#     the second no longer fits, though the part's sum (2.5e18) in whole
#     units does: read in one pass, that row is refused.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cat >"$d/rules.rubric" <<'RULES'
scale s { level 1; level 2; level 3 }
framework f { scale s; competency k }
data people { key id }
data ratings {
  column subject -> people
  column rater
  column competency -> f
  column score number
}
assessment a {
  framework f
  ratings ratings
  subjects people
  relation superior weight 100%
}
RULES
printf 'id\nA\nB\n' >"$d/people.csv"
pad() { i=1; while [ $i -le 20 ]; do echo "B,R$i,k,1"; i=$((i + 1)); done; }
{ echo subject,rater,competency,score; echo A,R0,k,-9000000000000000000; pad
  echo A,R1,k,5; echo A,R2,k,9223372036854775805; } >"$d/one.csv"
{ echo subject,rater,competency,score; echo B,R0,k,0.5; pad
  echo A,R1,k,-3000000000000000000; echo A,R2,k,5500000000000000000; } >"$d/two.csv"
for f in one two; do
	for t in 1 2; do
		(set +e; cd "$d" && RUBRIC_SPLIT_BYTES=1 "$RUBRIC" eval --threads $t --color never \
			--data people=people.csv --data ratings=$f.csv --format csv \
			--table scores rules.rubric >"$f$t.out" 2>"$f$t.err"; echo $? >"$f$t.rc")
	done
	for x in out err rc; do
		cmp -s "$d/${f}1.$x" "$d/${f}2.$x" ||
			{ echo "$f: --threads 2 differs ($x)"; diff "$d/${f}1.$x" "$d/${f}2.$x"; exit 1; }
	done
done
# What the comparison rests on.
grep -q '^A,k,74457345618258603.3333' "$d/one1.out" || { cat "$d/one1.out"; exit 1; }
grep -q 'two.csv:24:.*too large' "$d/two1.err" || { cat "$d/two1.err"; exit 1; }
