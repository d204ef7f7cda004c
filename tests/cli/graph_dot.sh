# rubric graph: the strategy map in DOT - perspectives as ranks (bottom to
# top, with invisible edges between them), objectives filled by status,
# links as edges, contributions dashed; and dot renders it to SVG
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cat >"$d/map.rubric" <<'EOF'
use std.perspectives
data measures "PASI measures" {
  column measure
  column period period
  column value number
  column part optional
  path "measures.csv"
}
scorecard pasi "PASI \"strategy\" map" {
  perspectives classic
  measures measures
  objective staff "Skilled staff" {
    perspective learning
    measure trained "# staff trained" { target >= 10 by 2016 }
  }
  objective research "Promote research" {
    perspective internal
    measure proposals "# research proposals" { target >= 15 by 2018 }
  }
  objective knowledge "Improve knowledge" {
    perspective customer
    measure visitors "# website visitors" { target >= 5000 by 2016 }
  }
  objective funds "Sound funds" {
    perspective financial
    measure returns "Fund returns" { target >= 5 by 2016 }
  }
  objective branch_staff "Branch staff trained" {
    perspective learning
    contributes staff
    measure branch_trained "# branch staff trained" { target >= 3 by 2016 }
  }
  link staff -> research
  link research -> knowledge
  link knowledge -> funds
}
EOF
# staff: 12 >= 10 met (green); research: 2016 = 5, target 15 by 2018 not
# passed -> at risk (amber); knowledge: 4000 < 5000 not met (red); funds:
# no row -> no data (grey); branch_staff: 3 >= 3 met
printf 'measure,period,value,part\ntrained,2016,12,\nproposals,2016,5,\nvisitors,2016,4000,\nbranch_trained,2016,3,\n' >"$d/measures.csv"
out=$("$RUBRIC" graph --as-of 2017-01-31 "$d/map.rubric") || { echo "graph failed: $out"; exit 1; }
has() { printf '%s\n' "$out" | grep -qF -- "$1" || { echo "missing: $1"; printf '%s\n' "$out"; exit 1; }; }
has 'digraph "pasi" {'
has 'rankdir=BT;'
has 'label="PASI \"strategy\" map, as of 2017-01-31";'
# one rank per perspective, with its objectives; learning (first) lowest
has '{ rank=same; "perspective:learning" [shape=plaintext, style="", label="Learning and growth"]; "staff"; "branch_staff"; }'
has '{ rank=same; "perspective:internal" [shape=plaintext, style="", label="Internal processes"]; "research"; }'
has '{ rank=same; "perspective:customer" [shape=plaintext, style="", label="Customer"]; "knowledge"; }'
has '{ rank=same; "perspective:financial" [shape=plaintext, style="", label="Financial"]; "funds"; }'
has '"perspective:learning" -> "perspective:internal" [style=invis];'
has '"perspective:internal" -> "perspective:customer" [style=invis];'
has '"perspective:customer" -> "perspective:financial" [style=invis];'
# objectives: title and score (or status), filled by status
has '"staff" [label="Skilled staff\n100.00%", fillcolor="#b7e1a1"];'
has '"research" [label="Promote research\n33.33%", fillcolor="#ffd966"];'
has '"knowledge" [label="Improve knowledge\n80.00%", fillcolor="#f4a6a6"];'
has '"funds" [label="Sound funds\nno data", fillcolor="#d9d9d9"];'
has '"branch_staff" [label="Branch staff trained\n100.00%", fillcolor="#b7e1a1"];'
# links and cascading
has '"staff" -> "research";'
has '"research" -> "knowledge";'
has '"knowledge" -> "funds";'
has '"branch_staff" -> "staff" [style=dashed, label="contributes"];'
[ "$(printf '%s\n' "$out" | grep -c -- '->')" -eq 7 ] || { echo "edges:"; printf '%s\n' "$out"; exit 1; }
# Graphviz renders it
if command -v dot >/dev/null 2>&1; then
	svg=$(printf '%s\n' "$out" | dot -Tsvg) || { echo "dot failed"; exit 1; }
	printf '%s\n' "$svg" | grep -q '<svg' || { echo "no <svg> in dot output"; exit 1; }
else
	echo "graph_dot: dot is missing (install graphviz); SVG rendering not tested"
fi
