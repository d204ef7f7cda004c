# a warning (an empty profile) passes with exit 0; --werror makes it exit 1
set -eu
f=$(mktemp)
trap 'rm -f "$f"' EXIT
printf 'use std.scales\nframework f {\n  scale likert5\n  competency leadership\n}\nprofile p { framework f }\n' >"$f"
out=$("$RUBRIC" check --color never "$f" 2>&1)
printf '%s\n' "$out" | grep -q "warning: profile 'p' requires nothing \[empty-profile\]" || { echo "no warning: $out"; exit 1; }
printf '%s\n' "$out" | tail -n 1 | grep -qx 'ok: 1 file checked, with warnings' || { echo "last line: $out"; exit 1; }
rc=0
out=$("$RUBRIC" check --color never --werror "$f" 2>&1) || rc=$?
[ "$rc" -eq 1 ] || { echo "--werror: exit $rc, expected 1"; exit 1; }
printf '%s\n' "$out" | tail -n 1 | grep -qx 'rubric: 0 errors, 1 warning' || { echo "--werror summary: $out"; exit 1; }
! printf '%s\n' "$out" | grep -q '^ok' || { echo "--werror still says ok"; exit 1; }
