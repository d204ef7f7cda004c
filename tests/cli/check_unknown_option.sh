# an unknown option of check: named on stderr, exit 2, the file is not checked
set -eu
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
rc=0
"$RUBRIC" check --max-erors 3 tests/check/check_unknown_scale.rubric >"$out" 2>"$err" || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, expected 2"; exit 1; }
grep -qx "rubric: unknown option '--max-erors'" "$err" || { echo "message:"; cat "$err"; exit 1; }
! grep -q 'unknown-name' "$err" || { echo "the file was checked anyway"; exit 1; }
[ ! -s "$out" ] || { echo "stdout not empty"; exit 1; }
# a bad value of a known option is a usage error too
rc=0
"$RUBRIC" check --color sometimes tests/check/check_unknown_scale.rubric >/dev/null 2>"$err" || rc=$?
[ "$rc" -eq 2 ] || { echo "--color sometimes: exit $rc, expected 2"; exit 1; }
grep -qx "rubric: invalid --color 'sometimes'" "$err" || { echo "message:"; cat "$err"; exit 1; }
rc=0
"$RUBRIC" check --max-errors >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "--max-errors without N: exit $rc, expected 2"; exit 1; }
