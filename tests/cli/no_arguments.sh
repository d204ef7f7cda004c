# rubric with no arguments: usage on stderr, nothing on stdout, exit 2
set -eu
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
rc=0
"$RUBRIC" >"$out" 2>"$err" || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, expected 2"; exit 1; }
[ ! -s "$out" ] || { echo "stdout not empty:"; cat "$out"; exit 1; }
head -n 1 "$err" | grep -q '^usage: rubric COMMAND' || { echo "no usage on stderr:"; cat "$err"; exit 1; }
grep -q 'check FILE' "$err" || { echo "usage does not list 'check'"; exit 1; }
