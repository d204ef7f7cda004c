# rubric test: passing and failing expectations (exit 1, expected against
# got, the summary line), a problem in an inline row located at its `row`,
# and golden tables with --accept.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cat >"$d/rules.rubric" <<'EOF'
data staff { key id; column unit; column hired date }
data exams {
  column person -> staff
  column score percent in 0%..100%
  column taken date
}
certification agent "Agent" {
  subjects staff
  exam main { score exams.score; pass 80% }
}
rule agents "Agents" = count(staff where hired <= as_of)
rule units_staffed for each u in staff.unit = count(staff) >= 1

test passes {
  at 2024-06-30
  given staff {
    row "id,unit,hired"
    row "P1,north,2020-01-01"
  }
  given exams {
    row "person,score,taken"
    row "P1,80%,2024-01-10"
  }
  expect for "P1" certified(agent)
  expect agents = 1
  expect for "north" units_staffed
  expect for "P1" known(certified_since(agent))
  expect for "P1" not known(expires(agent))
}

test fails {
  at 2024-06-30
  given staff {
    row "id,unit,hired"
    row "P1,north,2020-01-01"
  }
  given exams {
    row "person,score,taken"
    row "P1,79.5%,2024-01-10"
  }
  expect for "P1" status(agent) = "certified"
  expect for "P9" certified(agent)
}

test bad_row {
  at 2024-06-30
  given staff {
    row "id,unit,hired"
    row "P1,north,2020-01-01"
  }
  given exams {
    row "person,score,taken"
    row "P1,120%,2024-01-10"
  }
  expect for "P1" not certified(agent)
}

test golden_table {
  at 2024-06-30
  given staff {
    row "id,unit,hired"
    row "P1,north,2020-01-01"
  }
  given exams {
    row "person,score,taken"
    row "P1,90%,2024-01-10"
  }
  golden certifications "golden.csv"
}

test golden_data {
  at 2024-06-30
  given staff {
    row "id,unit,hired"
    row "P1,north,2020-01-01"
  }
  given exams {
    row "person,score,taken"
    row "P1,90%,2024-01-10"
  }
  golden data "golden/data.csv"
}
EOF
cd "$d"
set +e
out=$("$RUBRIC" test --color never rules.rubric 2>&1)
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "exit $rc, expected 1"; echo "$out"; exit 1; }
printf '%s\n' "$out" | grep -qx '1 passed, 4 failed' || { echo "$out"; exit 1; }
# the failing comparison shows both sides, at the expectation's place
printf '%s\n' "$out" | grep -q 'rules.rubric:41:3: expected for "P1": status(agent) = "certified"' || { echo "$out"; exit 1; }
printf '%s\n' "$out" | grep -q 'got "not certified" = "certified" is false' || { echo "$out"; exit 1; }
printf '%s\n' "$out" | grep -q "'staff' has no row with the key \"P9\"" || { echo "$out"; exit 1; }
# an unexpected bad row fails its test, located at the row
printf '%s\n' "$out" | grep -q 'rules.rubric:53:13: expected no problem in the data' || { echo "$out"; exit 1; }
# a golden file that does not exist yet fails, and --accept writes it
printf '%s\n' "$out" | grep -q 'cannot read golden.csv' || { echo "$out"; exit 1; }
"$RUBRIC" test --only golden_table --accept rules.rubric >accept.out || { cat accept.out; exit 1; }
grep -qx '1 golden file accepted' accept.out
grep -qx '1 passed, 0 failed' accept.out
grep -q '^agent,P1,certified,2024-01-10,' golden.csv
"$RUBRIC" test --only golden_table rules.rubric | grep -qx '1 passed, 0 failed'
# a changed baseline fails with the first differing line
sed -i 's/2024-01-10/2024-01-11/' golden.csv
set +e
out=$("$RUBRIC" test --only golden_table rules.rubric 2>&1)
rc=$?
set -e
[ "$rc" -eq 1 ]
printf '%s\n' "$out" | grep -q 'line 2 differs' || { echo "$out"; exit 1; }
# inline rows are named by where they are written, so a golden data table
# is stable; --accept makes the golden folder
"$RUBRIC" test --only golden_data --accept rules.rubric | grep -qx '1 passed, 0 failed'
grep -q '^staff,rules.rubric:73,' golden/data.csv || { cat golden/data.csv; exit 1; }
"$RUBRIC" test --only golden_data rules.rubric | grep -qx '1 passed, 0 failed'
# -v lists the passing tests; --only selects
"$RUBRIC" test -v --only passes rules.rubric | grep -qx 'PASS rules.rubric:14:6: passes'
