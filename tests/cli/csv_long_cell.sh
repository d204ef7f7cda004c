# A CSV cell longer than a row's buffer (runtime/report.c, rp_csv_row) is
# written whole, quoted, with its quotes doubled: the data table names a
# file whose path is 600 characters with commas and quotes in it.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
part=$(i=0; while [ $i -lt 25 ]; do printf 'x"y,'; i=$((i + 1)); done)
long="a,\"b/$part/$part/$part/$part/$part/$part"
mkdir -p "$d/$long"
cp examples/mefhadic/mefhadic.rubric "$d/"
cp examples/mefhadic/people.csv examples/mefhadic/ratings.csv "$d/$long/"
(cd "$d" && "$RUBRIC" eval --format csv --table data --data "people=$long/people.csv" \
	--data "ratings=$long/ratings.csv" mefhadic.rubric >"$d/out.csv")
quoted="\"$(printf '%s/people.csv' "$long" | sed 's/"/""/g')\""
grep -qF "people,$quoted,12," "$d/out.csv" ||
	{ echo "the long cell is not as expected:"; head -c 400 "$d/out.csv"; exit 1; }
