# '-' reads the rule file from standard input, named <stdin> in messages
set -eu
out=$(printf 'use std.scales\nframework mefhadic {\n  scale likert5\n  competency client_care "Client care"\n}\n' |
	"$RUBRIC" check --color never -)
[ "$out" = "ok: 1 file checked" ] || { echo "clean stdin: $out"; exit 1; }
rc=0
out=$(printf 'use std.scales\nframework mefhadic {\n  scale likret5\n  competency client_care\n}\n' |
	"$RUBRIC" check --color never - 2>&1) || rc=$?
[ "$rc" -eq 1 ] || { echo "stdin with an error: exit $rc, expected 1"; exit 1; }
printf '%s\n' "$out" | head -n 1 | grep -qx "<stdin>:3:9: error: unknown scale 'likret5' \[unknown-name\]" || { echo "stdin with an error: $out"; exit 1; }
printf '%s\n' "$out" | grep -qx "   = hint: did you mean 'likert5'?" || { echo "no hint: $out"; exit 1; }
