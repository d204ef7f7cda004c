# rubric graph on rules without a scorecard is a usage error (exit 2)
set -eu
f=$(mktemp)
trap 'rm -f "$f"' EXIT
printf 'data staff {\n  key id\n}\n' >"$f"
rc=0
out=$("$RUBRIC" graph "$f" 2>&1) || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, expected 2: $out"; exit 1; }
printf '%s\n' "$out" | grep -qx 'rubric: the rules declare no scorecard' || { echo "message: $out"; exit 1; }
