# rubric diff as git's diff driver: with `*.rubric diff=rubric` in
# .gitattributes and diff.rubric.command set to `rubric diff --git`, git diff
# shows the semantic diff of each .rubric file (changed, added, deleted,
# renamed, only reformatted), goes on past a version with errors, and
# finds an included file beside the file in the working tree.
set -eu
if ! command -v git >/dev/null 2>&1; then
	echo "diff_git: git is missing; the git driver is not tested"
	exit 0
fi
root=$(pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
export HOME="$d" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
cd "$d"
git init -q repo
cd repo
git config diff.rubric.command "$RUBRIC diff --git"
echo '*.rubric diff=rubric' >.gitattributes
mkdir rules
cp "$root/examples/pasi/pasi.rubric" rules/pasi.rubric
printf 'rule retired = 1\n' >rules/retired.rubric
printf 'rule kept "Kept" = 2 + 2\n' >rules/kept.rubric
printf 'rule a = 1\nrule b = 2\nrule c = 3\nrule d = 4\nrule moved = 3\n' >rules/before.rubric
printf 'include "common.rubric"\nrule y = x + 1\n' >rules/main.rubric
printf 'rule x = 1\n' >rules/common.rubric
git add -A
git commit -qm one

has() { printf '%s\n' "$out" | grep -qxF -- "$1" || { echo "missing: $1"; printf '%s\n' "$out"; exit 1; }; }

# a changed file, an added one, a deleted one, one only reformatted
cp "$root/examples/pasi/versions/2018.rubric" rules/pasi.rubric
printf 'rule added = 4\n' >rules/added.rubric
git add rules/added.rubric
rm rules/retired.rubric
printf '# a comment\nrule kept "Kept" =\n  (2 + 2)\n' >rules/kept.rubric
out=$(git diff HEAD) || { echo "git diff failed: $out"; exit 1; }
has '--- a/rules/pasi.rubric'
has '+++ b/rules/pasi.rubric'
has '  ~ target pasi.website_visitors by 2017: target >= 5000 -> >= 25000  (a/rules/pasi.rubric:69 / b/rules/pasi.rubric:82)'
has '7 differences: 4 added, 0 removed, 3 changed'
has '--- /dev/null'
has '+++ b/rules/added.rubric'
has '  + rule added: = 4  (- / b/rules/added.rubric:1)'
has '--- a/rules/retired.rubric'
has '+++ /dev/null'
has '  - rule retired: = 1  (a/rules/retired.rubric:1 / -)'
has '--- a/rules/kept.rubric'
has 'no semantic differences'
git commit -qam two

# a rename: git passes 9 arguments
git mv rules/before.rubric rules/after.rubric
printf 'rule a = 1\nrule b = 2\nrule c = 3\nrule d = 4\nrule moved = 5\n' >rules/after.rubric
out=$(git diff -M HEAD) || { echo "git diff -M failed: $out"; exit 1; }
has '--- a/rules/before.rubric'
has '+++ b/rules/after.rubric'
has '  ~ rule moved: expression 3 -> 5  (a/rules/before.rubric:5 / b/rules/after.rubric:5)'
git commit -qam three

# an include is found beside the file, also when git runs from a subfolder;
# a version with errors is reported in the diff and git goes on
printf 'include "common.rubric"\nrule y = x * 2\n' >rules/main.rubric
printf 'rule broken = nope\n' >rules/added.rubric
cd rules
out=$(git diff 2>&1) || { echo "git diff stopped: $out"; exit 1; }
has '--- a/rules/added.rubric'
has 'the new version does not check: no semantic diff'
has "b/rules/added.rubric:1:15: error: unknown name 'nope' [unknown-name]"
has '  ~ rule y: expression x + 1 -> x * 2  (a/rules/main.rubric:2 / b/rules/main.rubric:2)'
! printf '%s\n' "$out" | grep -q 'cannot-read' || { echo "include not found:"; printf '%s\n' "$out"; exit 1; }
cd ..

# the calling convention itself
rc=0
"$RUBRIC" diff --git a b c >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "--git with 3 arguments: exit $rc, expected 2"; exit 1; }
out=$("$RUBRIC" diff --git rules/main.rubric)
has '* Unmerged path rules/main.rubric'
