# a file that does not exist: "cannot read" with the path and the reason,
# a non-zero exit, no "ok". (The intended exit is 4, I/O; it is 1 today -
# see tests/check/pending/cli_missing_file_exit_4.sh.)
set -eu
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
rc=0
"$RUBRIC" check --color never /nonexistent.rubric >"$out" 2>"$err" || rc=$?
[ "$rc" -ne 0 ] || { echo "exit 0 for a missing file"; exit 1; }
grep -q "cannot read '/nonexistent.rubric': No such file or directory" "$err" || { echo "message:"; cat "$err"; exit 1; }
! grep -q '^ok' "$out" || { echo "says ok"; exit 1; }
