# PENDING (move to tests/cli/ when fixed): an unreadable rule file exits 4 (I/O)
set -eu
rc=0
"$RUBRIC" check --color never /nonexistent.rubric >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 4 ] || { echo "missing file: exit $rc, expected 4"; exit 1; }
