# --threads takes 1 to 64: anything else is a usage error (exit 2) that
# names the value, before any file is read.
set -u
for v in 0 65 -1 abc 2x ""; do
	out=$("$RUBRIC" eval --threads "$v" no-such.rubric 2>&1)
	rc=$?
	[ $rc -eq 2 ] || { echo "--threads '$v': exit $rc, not 2: $out"; exit 1; }
	printf '%s\n' "$out" | grep -q "^rubric: --threads takes a number from 1 to 64, not '$v'" ||
		{ echo "--threads '$v': $out"; exit 1; }
done
out=$("$RUBRIC" eval --threads 2>&1); rc=$?
[ $rc -eq 2 ] || { echo "--threads without a value: exit $rc"; exit 1; }
# A good value goes on to the file, which is missing: exit 4.
"$RUBRIC" eval --threads 64 no-such.rubric >/dev/null 2>&1
[ $? -eq 4 ] || { echo "--threads 64 was refused"; exit 1; }
