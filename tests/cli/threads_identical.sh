# A ratings file read in two parts on two threads gives what one thread
# gives, byte for byte: scores, messages, rejected rows and the provenance
# (SHA-256) - with bad rows in both parts, and with a duplicate rating in
# the second part of one in the first, which the join must refuse (the
# part is then read again).  RUBRIC_SPLIT_BYTES=1 splits even this small
# file; without it the file is under the size that is split.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp examples/bench360/bench360.rubric "$d/"
awk 'BEGIN {
	print "id,name,unit,role" > "'"$d"'/people.csv"
	roles[0] = "strategic"; roles[1] = "tactical"; roles[2] = "operational"
	for (p = 1; p <= 300; p++)
		printf "P%07d,Person %d,U%02d,%s\n", p, p, p % 7, roles[p % 3] > "'"$d"'/people.csv"
	split("client_care change_management decision_making associative_management diversity_management strategic_thinking communication leadership teamwork", comp, " ")
	rel[0] = "self"; rel[1] = "superior"; rel[2] = "peer"; rel[3] = "peer"
	rel[4] = "peer"; rel[5] = "collaborator"; rel[6] = "collaborator"; rel[7] = "collaborator"
	out = "'"$d"'/ratings.csv"
	print "subject,rater,relation,competency,score" > out
	n = 0
	for (p = 1; p <= 300; p++)
		for (r = 0; r < 8; r++)
			for (c = 1; c <= 9; c++) {
				rater = r == 0 ? p : (p * 7 + r * 13) % 300 + 1
				n++
				if (n == 1000)
					print "P0000009,P0000001,superior,leadership,six" > out
				else if (n == 15000)
					print "P0000250,P0000010,peer,teamwork," > out
				else
					printf "P%07d,P%07d,%s,%s,%d\n", p, rater, rel[r], comp[c], (p + r + c) % 5 + 1 > out
			}
	# the second part repeats the first row of the file
	printf "P%07d,P%07d,%s,%s,%d\n", 1, 1, "self", comp[1], 3 > out
	# more peers for the last subject: the split no longer falls between
	# two subjects (they all have 72 rows of one length)
	for (r = 1; r <= 5; r++)
		printf "P%07d,X%07d,peer,teamwork,%d\n", 300, r, r > out
}'

run() { # name env args...
	name=$1 split=$2
	shift 2
	(cd "$d" && RUBRIC_SPLIT_BYTES=$split "$RUBRIC" eval "$@" >"$d/$name" 2>"$d/$name.err") || true
}
same() {
	cmp -s "$d/$1" "$d/$2" || { echo "differ: $1 $2"; diff "$d/$1" "$d/$2" | head -20; exit 1; }
}
for t in 1 2; do
	run text$t 1 --threads $t bench360.rubric
	run json$t 1 --threads $t --format json --skip-bad-rows --rejects rej$t.csv \
		--provenance prov$t.json bench360.rubric
	run csv$t 1 --threads $t --format csv --skip-bad-rows --rejects rejc$t.csv bench360.rubric
done
# explain keeps only the subject's ratings while the rest stream through,
# in two parts too: a subject before the split, the one whose rows
# straddle it (the line at 55% of the rows' bytes, as load.c splits) and
# one after it.
# Without the duplicate, so that the second part is joined, not read again.
sed 21602d "$d/ratings.csv" >"$d/clean.csv"
size=$(wc -c <"$d/clean.csv")
head_len=$(head -n 1 "$d/clean.csv" | wc -c)
at=$((head_len + (size - head_len) / 20 * 11))
mid=$(tail -c +$((at + 1)) "$d/clean.csv" | sed -n 2p | cut -d, -f1)
explain() { # name args...
	name=$1
	shift
	(cd "$d" && RUBRIC_SPLIT_BYTES=1 "$RUBRIC" explain "$@" >"$d/$name" 2>"$d/$name.err") || true
}
for t in 1 2; do
	for p in P0000009 "$mid" P0000290; do
		explain "x$p-$t" --threads $t --skip-bad-rows --subject "$p" \
			--data ratings=clean.csv bench360.rubric
	done
	explain xjson$t --threads $t --format json --skip-bad-rows --subject "$mid" \
		--data ratings=clean.csv bench360.rubric
done
for p in P0000009 "$mid" P0000290; do
	same "x$p-1" "x$p-2"; same "x$p-1.err" "x$p-2.err"
done
same xjson1 xjson2
# the straddling subject's rows are on both sides of the split
lines=$(grep -o 'lines\? [0-9][0-9, and]*' "$d/x$mid-1" | grep -o '[0-9][0-9]*' | sort -n)
split_line=$(head -c "$at" "$d/clean.csv" | wc -l)
[ "$(echo "$lines" | head -n 1)" -le "$split_line" ] &&
	[ "$(echo "$lines" | tail -n 1)" -gt "$split_line" ] ||
	{ echo "explain $mid: lines $lines do not straddle line $split_line"; exit 1; }
run json3 "" --threads 2 --format json --skip-bad-rows --rejects rej3.csv \
	--provenance prov3.json bench360.rubric
same text1 text2; same text1.err text2.err
same json1 json2; same json1 json3
same csv1 csv2
for t in 2 3; do
	sed "s/rej$t/rej1/" "$d/json$t.err" >"$d/json$t.err1"
	same json1.err json$t.err1
done
sed "s/rejc2/rejc1/" "$d/csv2.err" >"$d/csv2.err1"
same csv1.err csv2.err1
same rej1.csv rej2.csv; same rej1.csv rej3.csv; same rejc1.csv rejc2.csv
# The provenance companions differ only in the names given on the command line.
sed 's/rej[0-9]\.csv/rej.csv/; s/prov[0-9]/prov/' "$d/prov1.json" >"$d/p1"
sed 's/rej[0-9]\.csv/rej.csv/; s/prov[0-9]/prov/' "$d/prov2.json" >"$d/p2"
same p1 p2
# What the comparison rests on: the errors are there, in file order.
grep -q "ratings.csv:1001:" "$d/text1.err" || { echo "no error at line 1001"; cat "$d/text1.err"; exit 1; }
grep -q "ratings.csv:15001:" "$d/text1.err" || { echo "no error at line 15001"; exit 1; }
grep -q "ratings.csv:21602:.*duplicate rating" "$d/text1.err" ||
	{ echo "no duplicate at line 21602"; cat "$d/text1.err"; exit 1; }
[ "$(grep -c '' "$d/rej1.csv")" -eq 4 ] || { echo "rejects:"; cat "$d/rej1.csv"; exit 1; }
