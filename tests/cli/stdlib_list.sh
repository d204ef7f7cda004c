# rubric stdlib lists the modules; rubric stdlib std.scales prints a module that checks clean
set -eu
out=$("$RUBRIC" stdlib)
printf '%s\n' "$out" | grep -qx 'std.scales' || { echo "no std.scales in: $out"; exit 1; }
printf '%s\n' "$out" | grep -qx 'std.perspectives' || { echo "no std.perspectives in: $out"; exit 1; }
src=$("$RUBRIC" stdlib std.scales)
printf '%s\n' "$src" | grep -q '^scale likert5' || { echo "std.scales lacks likert5"; exit 1; }
printf '%s\n' "$src" | "$RUBRIC" check --color never --werror - >/dev/null
rc=0
"$RUBRIC" stdlib std.scale >/dev/null 2>&1 || rc=$?
[ "$rc" -ne 0 ] || { echo "an unknown module gives exit 0"; exit 1; }
