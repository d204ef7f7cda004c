# rubric fmt -w: rewrites the files not in the canonical layout, in place,
# keeping their permissions; leaves formatted files untouched; prints nothing
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp stdlib/scales.rubric "$dir/clean.rubric"
printf 'framework f {\nscale likert5   # s\n}\n' > "$dir/messy.rubric"
chmod 640 "$dir/messy.rubric"
ln -s messy.rubric "$dir/link.rubric"
"$RUBRIC" fmt "$dir/messy.rubric" > "$dir/want"
before=$(ls -i "$dir/clean.rubric")

out=$("$RUBRIC" fmt -w "$dir/clean.rubric" "$dir/link.rubric" 2>&1)
[ -z "$out" ] || { echo "-w printed: $out"; exit 1; }
cmp -s "$dir/messy.rubric" "$dir/want" || { echo "not rewritten:"; cat "$dir/messy.rubric"; exit 1; }
[ "$(ls -i "$dir/clean.rubric")" = "$before" ] || { echo "a formatted file was rewritten"; exit 1; }
cmp -s "$dir/clean.rubric" stdlib/scales.rubric || { echo "the formatted file changed"; exit 1; }
[ -L "$dir/link.rubric" ] || { echo "the symbolic link was replaced"; exit 1; }
[ "$(stat -c %a "$dir/messy.rubric")" = 640 ] || { echo "mode: $(stat -c %a "$dir/messy.rubric")"; exit 1; }
ls "$dir" | grep -q tmp && { echo "a temporary file was left: $(ls "$dir")"; exit 1; }

# a second run has nothing to do
"$RUBRIC" fmt --check "$dir/messy.rubric" >/dev/null || { echo "not canonical after -w"; exit 1; }
exit 0
