# Provenance: which files are listed and how they are named - a FILE as
# given, an included file joined to the directory of the file including
# it, a stdlib module by name, standard input as <stdin>, a data file as
# --data or `path` gives it - and the provenance companion of a CSV table:
# FILE.provenance.json beside -o FILE, or --provenance FILE, written whole
# or not at all.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/rules/lib"
cat >"$d/rules/main.rubric" <<'EOF2'
rubric "Main" { version "3" effective 2024-02-01 owner "HR" approver "Board" source "Decree 9" }
include "lib/common.rubric"
rule staff_count = count(staff)
EOF2
cat >"$d/rules/lib/common.rubric" <<'EOF2'
use std.scales
data staff "Staff" { owner "Payroll" source "Payroll system" key id column id path "../staff.csv" }
EOF2
printf 'id\nA1\nA2\n' >"$d/rules/staff.csv"
cd "$d"
sum() { sha256sum "$1" | cut -d' ' -f1; }
has() { # file text
	grep -qF -- "$2" "$1" || { echo "missing: $2"; cat "$1"; exit 1; }
}

"$RUBRIC" eval rules/main.rubric >text.out
has text.out "  rules version 3, effective 2024-02-01"
has text.out "  owner         HR"
has text.out "  approver      Board"
has text.out "  source        Decree 9"
has text.out "  rule files    rules/main.rubric"
has text.out "  data staff  rules/lib/../staff.csv: 2 rows read = 2 used + 0 rejected"
has text.out "  as of         none"
has text.out "  options       none"
has text.out "  sha256        $(sum rules/main.rubric)  rules/main.rubric"
has text.out "                $(sum rules/lib/common.rubric)  rules/lib/common.rubric"
grep -q "^                [0-9a-f]\{64\}  std.scales (built in)$" text.out ||
	{ echo "no std.scales line"; cat text.out; exit 1; }
has text.out "                $(sum rules/staff.csv)  rules/lib/../staff.csv"
has text.out "  governance    data staff: owner Payroll; source Payroll system"

# Standard input, and a dataset bound with --data.
"$RUBRIC" eval --data staff=rules/staff.csv --as-of 2024-03-01 - <rules/main.rubric \
	>stdin.out 2>stdin.err || true
# (an include from standard input is relative to the current directory)
has stdin.err "cannot read 'lib/common.rubric'"
cp rules/lib/common.rubric common.rubric
sed 's#lib/common.rubric#common.rubric#' rules/main.rubric >main2.rubric
"$RUBRIC" eval --data staff=rules/staff.csv --as-of 2024-03-01 - <main2.rubric >stdin.out
has stdin.out "  sha256        $(sum main2.rubric)  <stdin>"
has stdin.out "  options       --as-of 2024-03-01 --data staff=rules/staff.csv"

# JSON: the sources in the order read, each with its digest.
"$RUBRIC" eval --format json rules/main.rubric >json.out
has json.out "{\"file\": \"rules/lib/common.rubric\", \"module\": null, \"sha256\": \"$(sum rules/lib/common.rubric)\"}"
has json.out "{\"file\": \"std/scales.rubric\", \"module\": \"std.scales\", \"sha256\": "
has json.out "\"governance\": {\"owner\": \"HR\", \"approver\": \"Board\", \"source\": \"Decree 9\"}"
has json.out "{\"kind\": \"data\", \"name\": \"staff\", \"owner\": \"Payroll\", \"approver\": null, \"source\": \"Payroll system\"}"

# A CSV table written with -o gets its companion, with the report's digest.
"$RUBRIC" eval --format csv --table rules -o out.csv rules/main.rubric
[ -f out.csv.provenance.json ] || { echo "no companion"; ls; exit 1; }
has out.csv.provenance.json "\"schema\": \"rubric.provenance/1\""
has out.csv.provenance.json "\"report\": {\"file\": \"out.csv\", \"format\": \"csv\", \"table\": \"rules\", \"sha256\": \"$(sum out.csv)\"}"
has out.csv.provenance.json "\"sha256\": \"$(sum rules/staff.csv)\""
if command -v python3 >/dev/null 2>&1; then
	python3 -m json.tool out.csv.provenance.json >/dev/null || { echo "not JSON"; exit 1; }
	python3 -m json.tool json.out >/dev/null || { echo "report not JSON"; exit 1; }
fi
# ... and standard output none, unless --provenance names where it goes.
"$RUBRIC" eval --format csv --table rules rules/main.rubric >stdout.csv
[ "$(cat stdout.csv)" = "$(cat out.csv)" ] || { echo "stdout differs"; exit 1; }
"$RUBRIC" eval --format csv --table rules --provenance p.json rules/main.rubric >/dev/null
has p.json "\"report\": {\"file\": null, \"format\": \"csv\", \"table\": \"rules\", \"sha256\": null}"
# --provenance names the companion of -o too, and goes with any format.
"$RUBRIC" eval --format json -o r.json --provenance r.prov rules/main.rubric
has r.prov "\"report\": {\"file\": \"r.json\", \"format\": \"json\", \"table\": null, \"sha256\": \"$(sum r.json)\"}"
[ ! -e r.json.provenance.json ] || { echo "a companion for JSON"; exit 1; }

# Whole or not at all: a failed run leaves neither file.
printf 'id\nA1\nA1\n' >dup.csv
rc=0
"$RUBRIC" eval --format csv --table rules --data staff=dup.csv -o bad.csv \
	rules/main.rubric 2>/dev/null || rc=$?
[ "$rc" -eq 3 ] || { echo "duplicate key: exit $rc, expected 3"; exit 1; }
[ ! -e bad.csv ] && [ ! -e bad.csv.provenance.json ] || { echo "a file was left"; ls; exit 1; }
! ls | grep -q 'tmp' || { echo "a temporary file was left"; ls; exit 1; }

# Usage errors: the companion may not overwrite an input, the report or
# the rejected rows; graph takes no --provenance.
expect_usage() { # what args...
	what=$1
	shift
	rc=0
	"$RUBRIC" "$@" >/dev/null 2>usage.err || rc=$?
	[ "$rc" -eq 2 ] || { echo "$what: exit $rc, expected 2"; cat usage.err; exit 1; }
}
expect_usage "onto a data file" eval --provenance rules/staff.csv rules/main.rubric
expect_usage "onto a rule file" eval --provenance rules/lib/common.rubric rules/main.rubric
expect_usage "onto the report" eval -o x.csv --format csv --provenance x.csv rules/main.rubric
expect_usage "onto the rejects" eval --skip-bad-rows --rejects rj.csv --provenance rj.csv rules/main.rubric
expect_usage "graph" graph --provenance g.json rules/main.rubric
has usage.err "--provenance are for eval"
[ ! -e rules/staff.csv.tmp ] && [ "$(cat rules/staff.csv)" = "$(printf 'id\nA1\nA2')" ] ||
	{ echo "an input was touched"; exit 1; }
