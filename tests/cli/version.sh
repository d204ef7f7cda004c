# --version: one line "rubric X.Y.Z" on stdout, exit 0
set -eu
out=$("$RUBRIC" --version)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "not one line: $out"; exit 1; }
printf '%s\n' "$out" | grep -Eqx 'rubric [0-9]+\.[0-9]+\.[0-9]+' || { echo "format: $out"; exit 1; }
