# rubric check with no files: exit 2 with a message, not a silent success
set -eu
err=$(mktemp)
trap 'rm -f "$err"' EXIT
rc=0
"$RUBRIC" check >/dev/null 2>"$err" || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, expected 2"; exit 1; }
grep -qx 'rubric: no rule files given' "$err" || { echo "message:"; cat "$err"; exit 1; }
grep -qx "Try 'rubric check --help'." "$err" || { echo "no --help pointer:"; cat "$err"; exit 1; }
# options alone are not files either
rc=0
"$RUBRIC" check --werror --color never >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "options only: exit $rc, expected 2"; exit 1; }
