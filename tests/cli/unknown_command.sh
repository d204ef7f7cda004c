# an unknown command: named on stderr with a pointer to --help, exit 2
set -eu
err=$(mktemp)
trap 'rm -f "$err"' EXIT
rc=0
"$RUBRIC" chek tests/check/check_unknown_scale.rubric >/dev/null 2>"$err" || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, expected 2"; exit 1; }
grep -qx "rubric: unknown command 'chek'" "$err" || { echo "message:"; cat "$err"; exit 1; }
grep -qx "Try 'rubric --help'." "$err" || { echo "no --help pointer:"; cat "$err"; exit 1; }
