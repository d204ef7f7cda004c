# PENDING (move to tests/cli/ when fixed): unreadable standard input is not "ok"
set -eu
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
# a directory as standard input: read() fails with EISDIR
"$RUBRIC" check --color never - </ >"$out" 2>/dev/null || rc=$?
[ "$rc" -eq 4 ] || { echo "unreadable stdin: exit $rc, expected 4"; exit 1; }
! grep -q '^ok' "$out" || { echo "says ok"; exit 1; }
