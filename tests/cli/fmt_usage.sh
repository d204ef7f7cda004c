# rubric fmt: --help, and the usage errors (exit 2)
set -eu
out=$("$RUBRIC" fmt --help)
printf '%s\n' "$out" | head -n 1 | grep -q '^usage: rubric fmt' || { echo "--help: $out"; exit 1; }
printf '%s\n' "$out" | grep -q -- '--check' || { echo "--help lacks --check"; exit 1; }
printf '%s\n' "$out" | grep -q -- '-w, --write' || { echo "--help lacks -w"; exit 1; }
"$RUBRIC" --help | grep -q '^  fmt FILE' || { echo "rubric --help lacks fmt"; exit 1; }
usage() { # what, args...
	what=$1
	shift
	rc=0
	err=$("$RUBRIC" fmt "$@" 2>&1 >/dev/null) || rc=$?
	[ "$rc" -eq 2 ] || { echo "$what: exit $rc, expected 2"; exit 1; }
	printf '%s\n' "$err" | grep -q "Try 'rubric fmt --help'" || { echo "$what: $err"; exit 1; }
}
usage "no files"
usage "--check with -w" --check -w stdlib/scales.rubric
usage "-w on stdin" -w -
usage "unknown option" --bogus stdlib/scales.rubric
usage "bad --color" --color sometimes stdlib/scales.rubric
# standard input, formatted to standard output
out=$(printf 'use   std . scales' | "$RUBRIC" fmt -)
[ "$out" = "use std.scales" ] || { echo "stdin: $out"; exit 1; }
