# rubric fmt on a file with a syntax error: the error as `rubric check`
# reports it, with its caret; nothing formatted or written; exit 1
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'framework f {\n  scale\n}\n' > "$dir/bad.rubric"
cp "$dir/bad.rubric" "$dir/orig"
for opt in "" --check -w; do
	rc=0
	# shellcheck disable=SC2086
	"$RUBRIC" fmt --color never $opt "$dir/bad.rubric" >"$dir/out" 2>"$dir/err" || rc=$?
	[ "$rc" -eq 1 ] || { echo "fmt $opt: exit $rc, expected 1"; exit 1; }
	[ ! -s "$dir/out" ] || { echo "fmt $opt: stdout: $(cat "$dir/out")"; exit 1; }
	cat > "$dir/want" <<WANT
$dir/bad.rubric:3:1: error: unexpected '}', expecting identifier [syntax]
   |
 3 | }
   | ^
rubric: 1 error, 0 warnings
WANT
	cmp -s "$dir/want" "$dir/err" || { echo "fmt $opt: stderr:"; diff -u "$dir/want" "$dir/err"; exit 1; }
	cmp -s "$dir/bad.rubric" "$dir/orig" || { echo "fmt $opt changed the file"; exit 1; }
done
# a lexical error too, and the other files are still formatted
printf 'rule r = "open\n' > "$dir/lex.rubric"
printf 'use   std.scales\n' > "$dir/ok.rubric"
rc=0
out=$("$RUBRIC" fmt --color never "$dir/lex.rubric" "$dir/ok.rubric" 2>"$dir/err") || rc=$?
[ "$rc" -eq 1 ] || { echo "lexical error: exit $rc, expected 1"; exit 1; }
[ "$out" = "use std.scales" ] || { echo "the good file: $out"; exit 1; }
grep -q "lex.rubric:1:10: error: unterminated string.*\[unterminated-string\]" "$dir/err" || { echo "lexical error: $(cat "$dir/err")"; exit 1; }
