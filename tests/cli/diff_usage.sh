# rubric diff: help, the usage errors of the options it shares with eval
# (parsed by one function), and the exit status without output (-q)
set -eu
out=$("$RUBRIC" diff --help)
printf '%s\n' "$out" | head -n 1 | grep -qx 'usage: rubric diff \[OPTION\]... OLD NEW' || { echo "diff --help: $out"; exit 1; }
printf '%s\n' "$out" | grep -q -- '--git' || { echo "diff --help lacks --git"; exit 1; }
"$RUBRIC" --help | grep -q '^  diff OLD NEW' || { echo "rubric --help lacks diff"; exit 1; }
a=examples/pasi/pasi.rubric b=examples/pasi/versions/2018.rubric
usage() { # expected-message args...
	want=$1
	shift
	rc=0
	err=$("$RUBRIC" diff "$@" 2>&1 >/dev/null) || rc=$?
	[ "$rc" -eq 2 ] || { echo "diff $*: exit $rc, expected 2"; exit 1; }
	printf '%s\n' "$err" | head -n 1 | grep -qxF -- "$want" || { echo "diff $*: $err"; exit 1; }
	printf '%s\n' "$err" | tail -n 1 | grep -qxF "Try 'rubric diff --help'." || { echo "diff $*: $err"; exit 1; }
}
usage "rubric: --data names a dataset twice: 'measures'" --data measures=x.csv --data measures=y.csv "$a" "$b"
usage "rubric: --data takes NAME=PATH, not 'measures'" --data measures "$a" "$b"
usage "rubric: --as-of takes a real date YYYY-MM-DD, not '2017-02-30'" --data measures=x.csv --as-of 2017-02-30 "$a" "$b"
usage "rubric: a value must follow '--data'" "$a" "$b" --data
usage "rubric: unknown option '--table'" --table gaps "$a" "$b"
# the same messages from eval, whose options are parsed by the same code
rc=0
err=$("$RUBRIC" eval --data m=x.csv --data m=y.csv "$a" 2>&1) || rc=$?
[ "$rc" -eq 2 ] && printf '%s\n' "$err" | head -n 1 | grep -qxF "rubric: --data names a dataset twice: 'm'" || { echo "eval: $err"; exit 1; }
# -q: nothing on standard output, the status tells
rc=0
out=$("$RUBRIC" diff -q "$a" "$b") || rc=$?
[ "$rc" -eq 1 ] && [ -z "$out" ] || { echo "-q on two versions: exit $rc, output: $out"; exit 1; }
rc=0
out=$("$RUBRIC" diff --quiet "$a" "$a") || rc=$?
[ "$rc" -eq 0 ] && [ -z "$out" ] || { echo "-q on one version: exit $rc, output: $out"; exit 1; }
