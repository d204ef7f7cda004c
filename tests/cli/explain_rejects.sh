# rubric explain --skip-bad-rows --rejects FILE writes the rejected rows to
# FILE, as eval does; without --rejects it writes no file.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp tests/eval/explain_single_relation/rules.rubric tests/eval/explain_single_relation/*.csv "$d"
cd "$d"
"$RUBRIC" explain rules.rubric --data people=people.csv --data ratings=ratings.csv \
	--skip-bad-rows --subject A >out.txt 2>err.txt
[ ! -e rejected-rows.csv ] || { echo "a rejects file was written unasked"; exit 1; }
"$RUBRIC" explain rules.rubric --data people=people.csv --data ratings=ratings.csv \
	--skip-bad-rows --rejects rj.csv --subject A >out.txt 2>err.txt
grep -q '^ratings,ratings.csv,4,' rj.csv || { cat rj.csv; exit 1; }
