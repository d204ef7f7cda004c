# rubric fmt --check: silent and 0 on a formatted file; on one that is not,
# a unified diff on stdout, the file's name on stderr, exit 1, and the file
# left as it was
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'framework f {\n  scale likert5\n}\n' > "$dir/good.rubric"
printf 'framework f {\nscale likert5\n  competency a   "A"\n  competency b\n  competency c\n  competency d\n  competency e\n  competency g\n  competency h\n  competency i\n  competency j\n}' > "$dir/bad.rubric"
cp "$dir/bad.rubric" "$dir/bad.orig"

rc=0
out=$("$RUBRIC" fmt --check "$dir/good.rubric" 2>&1) || rc=$?
[ "$rc" -eq 0 ] || { echo "formatted file: exit $rc"; exit 1; }
[ -z "$out" ] || { echo "formatted file: output: $out"; exit 1; }

rc=0
"$RUBRIC" fmt --check "$dir/good.rubric" "$dir/bad.rubric" >"$dir/out" 2>"$dir/err" || rc=$?
[ "$rc" -eq 1 ] || { echo "unformatted file: exit $rc, expected 1"; exit 1; }
cat > "$dir/want" <<WANT
--- $dir/bad.rubric
+++ $dir/bad.rubric (formatted)
@@ -1,6 +1,6 @@
 framework f {
-scale likert5
-  competency a   "A"
+  scale likert5
+  competency a "A"
   competency b
   competency c
   competency d
@@ -9,4 +9,4 @@
   competency h
   competency i
   competency j
-}
\\ No newline at end of file
+}
WANT
cmp -s "$dir/want" "$dir/out" || { echo "diff:"; diff -u "$dir/want" "$dir/out"; exit 1; }
[ "$(cat "$dir/err")" = "rubric: $dir/bad.rubric: not in the canonical layout" ] || { echo "stderr: $(cat "$dir/err")"; exit 1; }
cmp -s "$dir/bad.rubric" "$dir/bad.orig" || { echo "--check changed the file"; exit 1; }

# the diff turns the file into the formatted text
if command -v patch >/dev/null 2>&1; then
	"$RUBRIC" fmt "$dir/bad.rubric" > "$dir/formatted"
	patch -s "$dir/bad.rubric" < "$dir/out"
	cmp -s "$dir/bad.rubric" "$dir/formatted" || { echo "patch does not give the formatted text"; exit 1; }
fi

# standard input is named <stdin>
rc=0
out=$(printf 'use   std.scales\n' | "$RUBRIC" fmt --check - 2>&1) || rc=$?
[ "$rc" -eq 1 ] || { echo "stdin: exit $rc, expected 1"; exit 1; }
printf '%s\n' "$out" | grep -qx -- '--- <stdin>' || { echo "stdin: $out"; exit 1; }
printf '%s\n' "$out" | grep -qx -- '+use std.scales' || { echo "stdin: $out"; exit 1; }
