# Provenance: each file's SHA-256 in the report is sha256sum's, and
# changing one byte of a data file or of a rule file changes it - even a
# byte that changes no result (a submission date, a comment).
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp examples/mefhadic/mefhadic.rubric examples/mefhadic/people.csv \
   examples/mefhadic/ratings.csv "$d/"
cd "$d"

sum() { sha256sum "$1" | cut -d' ' -f1; }
report() { "$RUBRIC" eval --format json mefhadic.rubric; }
text() { "$RUBRIC" eval mefhadic.rubric; }
has() { # file text
	grep -qF -- "$2" "$1" || { echo "missing: $2"; cat "$1"; exit 1; }
}

report >before.json
text >before.txt
r0=$(sum ratings.csv) m0=$(sum mefhadic.rubric)
has before.json "{\"dataset\": \"ratings\", \"file\": \"ratings.csv\", \"rows_read\": 855, \"rows_used\": 855, \"rows_rejected\": 0,"
has before.json "\"sha256\": \"$r0\""
has before.json "{\"file\": \"mefhadic.rubric\", \"module\": null, \"sha256\": \"$m0\"}"
has before.txt "                $r0  ratings.csv"
has before.txt "  sha256        $m0  mefhadic.rubric"

# One byte of one date: 2009-03-10 -> 2009-03-11 on the first rating.
sed '2s/2009-03-10$/2009-03-11/' ratings.csv >ratings.new && mv ratings.new ratings.csv
r1=$(sum ratings.csv)
[ "$r0" != "$r1" ] || { echo "the edit changed nothing"; exit 1; }
report >after.json
text >after.txt
has after.json "\"sha256\": \"$r1\""
! grep -qF "$r0" after.json after.txt || { echo "the old digest is still reported"; exit 1; }
# Only the digest moved: the results are the same.
[ "$(diff before.txt after.txt | grep -c '^[<>]')" -eq 2 ] ||
	{ echo "more than the digest changed:"; diff before.txt after.txt; exit 1; }

# One byte of a comment in the rule file.
sed '1s/^# MEFHADIC/# MEFHADIc/' mefhadic.rubric >m.new && mv m.new mefhadic.rubric
m1=$(sum mefhadic.rubric)
[ "$m0" != "$m1" ] || { echo "the rule edit changed nothing"; exit 1; }
text >rule.txt
has rule.txt "  sha256        $m1  mefhadic.rubric"
[ "$(diff after.txt rule.txt | grep -c '^[<>]')" -eq 2 ] ||
	{ echo "more than the digest changed:"; diff after.txt rule.txt; exit 1; }

# The CSV data table carries the digests too.
"$RUBRIC" eval --format csv --table data mefhadic.rubric >data.csv
has data.csv "ratings,ratings.csv,855,855,0,$r1"
