# rubric --help, -h and rubric check --help: usage on stdout, exit 0
set -eu
out=$("$RUBRIC" --help)
printf '%s\n' "$out" | head -n 1 | grep -q '^usage: rubric COMMAND' || { echo "--help: $out"; exit 1; }
printf '%s\n' "$out" | grep -q 'exit codes' || { echo "--help does not give the exit codes"; exit 1; }
out=$("$RUBRIC" -h)
printf '%s\n' "$out" | head -n 1 | grep -q '^usage: rubric' || { echo "-h: $out"; exit 1; }
out=$("$RUBRIC" check --help)
printf '%s\n' "$out" | head -n 1 | grep -q '^usage: rubric check' || { echo "check --help: $out"; exit 1; }
printf '%s\n' "$out" | grep -q -- '--max-errors' || { echo "check --help lacks --max-errors"; exit 1; }
printf '%s\n' "$out" | grep -q -- '--werror' || { echo "check --help lacks --werror"; exit 1; }
# help wins over the files: nothing is checked
out=$("$RUBRIC" check --help tests/check/check_unknown_scale.rubric 2>&1)
printf '%s\n' "$out" | head -n 1 | grep -q '^usage: rubric check' || { echo "check --help FILE: $out"; exit 1; }
