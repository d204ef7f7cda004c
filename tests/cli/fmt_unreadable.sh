# rubric fmt on a file that cannot be read: "cannot read" with the path and
# the reason, exit 4 (I/O), and the other files are still done
set -eu
rc=0
out=$("$RUBRIC" fmt --color never /nonexistent.rubric stdlib/scales.rubric 2>/tmp/fmt_unreadable.$$) || rc=$?
err=$(cat /tmp/fmt_unreadable.$$)
rm -f /tmp/fmt_unreadable.$$
[ "$rc" -eq 4 ] || { echo "missing file: exit $rc, expected 4"; exit 1; }
printf '%s\n' "$err" | grep -qx "rubric: error: cannot read '/nonexistent.rubric': No such file or directory \[cannot-read\]" || { echo "message: $err"; exit 1; }
[ "$out" = "$(cat stdlib/scales.rubric)" ] || { echo "the readable file was not formatted"; exit 1; }
# a directory
rc=0
"$RUBRIC" fmt --check / >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 4 ] || { echo "a directory: exit $rc, expected 4"; exit 1; }
# standard input that cannot be read
rc=0
"$RUBRIC" fmt - </ >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 4 ] || { echo "unreadable stdin: exit $rc, expected 4"; exit 1; }
