#!/bin/sh
# run-e2e.sh - end-to-end tests of the rubric command, as data.
#
# tests/check/NAME.rubric     a rule file; `rubric check` runs on it from the
#                             repository root (so messages name
#                             tests/check/NAME.rubric)
# tests/check/NAME.expected   the exact output (stderr then stdout); the exit
#                             status must be 1 when it holds "error:", else 0
# tests/check/NAME.args       optional: extra arguments placed before the file
#
# tests/eval/NAME/            an evaluation case, run inside that folder:
#   command                   optional: the rubric command (default eval;
#                             explain for the explain cases)
#   args                      the arguments of `rubric eval` (one line; the
#                             shell splits it)
#   expected.out              the exact standard output
#   expected.err              optional: the exact standard error (else it
#                             must be empty)
#   expected.rc               optional: the exit status (else 0)
#
# tests/fmt/NAME.rubric       a rule file; `rubric fmt` runs on it from the
#                             repository root
# tests/fmt/NAME.expected     the exact standard output (the formatted file);
#                             the exit status must be 0
#
# tests/diff/NAME/            a case of `rubric diff`, run from the repository
#                             root (so messages name examples/... and
#                             tests/diff/NAME/...):
#   args                      the arguments of `rubric diff` (one line; the
#                             shell splits it)
#   expected.out, expected.err, expected.rc   as for tests/eval
#
# tests/cli/NAME.sh           a shell script run with $RUBRIC set; it passes
#                             when it exits 0 (for usage, exit codes, I/O)
# tests/e2e/NAME.sh           the same, for larger end-to-end checks (the
#                             bench360 cross-check against SQLite)
#
# Every examples/ and stdlib/ file must check clean and be in the canonical
# layout of `rubric fmt` (so must every tests/fmt/*.expected file: formatting
# is idempotent, and so must the other versions of an example, in
# examples/NAME/versions/), and an example with a report.args file must
# evaluate (inside its folder) to its report.txt.
#
# Every examples/ folder must have test blocks (`rubric test`), and they pass.
#
# ONLY=PATTERN runs only the cases whose path contains PATTERN.
# UPDATE=1 rewrites the expected files of the cases run from their current
# output: use it with ONLY, and read the diff before committing it.
set -u
: "${RUBRIC:?set RUBRIC to the rubric binary}"
cd "$(dirname "$0")/.." || exit 2

pass=0
fail=0
failed=""

skip() { # path
	[ -n "${ONLY:-}" ] && case "$1" in *"$ONLY"*) return 1 ;; *) return 0 ;; esac
	return 1
}

report() { # name ok
	if [ "$2" = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $1"
	fi
}

for f in tests/check/*.rubric; do
	[ -f "$f" ] || continue
	skip "$f" && continue
	name=${f%.rubric}
	expected="$name.expected"
	args=""
	[ -f "$name.args" ] && args=$(cat "$name.args")
	# shellcheck disable=SC2086
	actual=$("$RUBRIC" check --color never $args "$f" 2>&1)
	rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$actual" > "$expected"
	fi
	if [ ! -f "$expected" ]; then
		echo "FAIL $f: no $expected"
		report "$f" 0
		continue
	fi
	want_rc=0
	grep -q 'error:' "$expected" && want_rc=1
	if [ "$(cat "$expected")" != "$actual" ]; then
		echo "FAIL $f: output differs"
		printf '%s\n' "$actual" | diff -u "$expected" - | head -40
		report "$f" 0
	elif [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL $f: exit status $rc, expected $want_rc"
		report "$f" 0
	else
		report "$f" 1
	fi
done

# A case folder's run against its expected.out, expected.err (else no
# standard error) and expected.rc (else 0); with UPDATE=1 the run becomes
# the expectation first.
judge() { # name dir out err rc
	name=$1 d=$2 out=$3 err=$4 rc=$5
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out" "$d/expected.out"
		if [ -s "$err" ]; then cp "$err" "$d/expected.err"; else rm -f "$d/expected.err"; fi
		if [ "$rc" -ne 0 ]; then echo "$rc" > "$d/expected.rc"; else rm -f "$d/expected.rc"; fi
	fi
	want_rc=0
	[ -f "$d/expected.rc" ] && want_rc=$(cat "$d/expected.rc")
	ok=1
	if ! cmp -s "$out" "$d/expected.out"; then
		echo "FAIL $name: standard output differs"
		diff -u "$d/expected.out" "$out" | head -40
		ok=0
	fi
	if [ -f "$d/expected.err" ]; then
		if ! cmp -s "$err" "$d/expected.err"; then
			echo "FAIL $name: standard error differs"
			diff -u "$d/expected.err" "$err" | head -40
			ok=0
		fi
	elif [ -s "$err" ]; then
		echo "FAIL $name: unexpected standard error:"
		head -20 "$err"
		ok=0
	fi
	if [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"
		ok=0
	fi
	rm -f "$out" "$err"
	report "$name" "$ok"
}

for d in tests/eval/*/; do
	[ -f "$d/args" ] || continue
	skip "$d" && continue
	name=${d%/}
	out=$(mktemp) err=$(mktemp)
	# shellcheck disable=SC2046
	cmd=eval
	[ -f "$d/command" ] && cmd=$(cat "$d/command")
	(cd "$d" && eval "\"\$RUBRIC\" $cmd $(cat args)" >"$out" 2>"$err")
	rc=$?
	judge "$name" "$d" "$out" "$err" "$rc"
done

for d in tests/diff/*/; do
	[ -f "$d/args" ] || continue
	skip "$d" && continue
	name=${d%/}
	out=$(mktemp) err=$(mktemp)
	eval "\"\$RUBRIC\" diff $(cat "$d/args")" >"$out" 2>"$err"
	rc=$?
	judge "$name" "$d" "$out" "$err" "$rc"
done

for f in tests/fmt/*.rubric; do
	[ -f "$f" ] || continue
	skip "$f" && continue
	name=${f%.rubric}
	expected="$name.expected"
	out=$(mktemp)
	"$RUBRIC" fmt --color never "$f" >"$out" 2>&1
	rc=$?
	[ "${UPDATE:-0}" = 1 ] && cp "$out" "$expected"
	if [ ! -f "$expected" ]; then
		echo "FAIL $f: no $expected"
		report "$f" 0
	elif ! cmp -s "$out" "$expected"; then
		echo "FAIL $f: output differs"
		diff -u "$expected" "$out" | head -40
		report "$f" 0
	elif [ "$rc" -ne 0 ]; then
		echo "FAIL $f: exit status $rc, expected 0"
		report "$f" 0
	else
		report "$f" 1
	fi
	rm -f "$out"
done

for t in tests/cli/*.sh tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	skip "$t" && continue
	if out=$(RUBRIC="$RUBRIC" sh "$t" 2>&1); then
		report "$t" 1
	else
		echo "FAIL $t"
		printf '%s\n' "$out" | head -40
		report "$t" 0
	fi
done

for f in stdlib/*.rubric examples/*/*.rubric examples/*/versions/*.rubric; do
	[ -f "$f" ] || continue
	skip "$f" && continue
	if out=$("$RUBRIC" check --color never --werror "$f" 2>&1); then
		report "$f" 1
	else
		echo "FAIL $f does not check clean:"
		printf '%s\n' "$out" | head -40
		report "$f" 0
	fi
done

# Formatting formatted text changes nothing: `fmt --check` is clean.
for f in tests/fmt/*.expected stdlib/*.rubric examples/*/*.rubric examples/*/versions/*.rubric; do
	[ -f "$f" ] || continue
	skip "$f" && continue
	if out=$("$RUBRIC" fmt --check --color never "$f" 2>&1); then
		report "fmt:$f" 1
	else
		echo "FAIL $f is not in the canonical layout:"
		printf '%s\n' "$out" | head -40
		report "fmt:$f" 0
	fi
done

for a in examples/*/report.args; do
	[ -f "$a" ] || continue
	skip "$a" && continue
	d=$(dirname "$a")
	out=$(mktemp)
	(cd "$d" && eval "\"\$RUBRIC\" eval $(cat report.args)" >"$out" 2>&1)
	rc=$?
	[ "${UPDATE:-0}" = 1 ] && cp "$out" "$d/report.txt"
	if [ "$rc" -ne 0 ] || ! cmp -s "$out" "$d/report.txt"; then
		echo "FAIL $d: the report differs from report.txt (exit status $rc)"
		diff -u "$d/report.txt" "$out" | head -40
		report "$d" 0
	else
		report "$d" 1
	fi
	rm -f "$out"
done

# Every example folder has test blocks, and they pass.
for d in examples/*/; do
	[ -d "$d" ] || continue
	skip "$d" && continue
	name=${d%/}
	files=$(grep -l '^test ' "$d"*.rubric 2>/dev/null)
	if [ -z "$files" ]; then
		echo "FAIL $name: no rule file of the example has a test block"
		report "test:$name" 0
		continue
	fi
	# shellcheck disable=SC2086
	if out=$(cd "$d" && "$RUBRIC" test --color never $(basename -a $files) 2>&1); then
		report "test:$name" 1
	else
		echo "FAIL $name: rubric test"
		printf '%s\n' "$out" | head -40
		report "test:$name" 0
	fi
done

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
