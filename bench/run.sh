#!/bin/sh
# bench/run.sh - Rubric against DuckDB and pandas on the bench360 data.
#
#   sh bench/run.sh            (or: make bench)
#
# Installs what is missing (DuckDB's @duckdb/node-api from npm into
# bench/node_modules-dir; python3-pandas, time, valgrind and hyperfine
# from Debian), builds rubric and tools/gen360.c, generates the data,
# and for every case runs the three tools one after the other on the same
# files, each under /usr/bin/time (wall seconds, peak resident KB):
#
#   rubric   rubric eval examples/bench360/bench360.rubric --format csv
#   duckdb   node bench/duckdb.mjs  (read_csv, one SQL query, COPY to CSV)
#   pandas   /usr/bin/python3 bench/pandas.py  (read_csv, groupby)
#
# then checks that the three outputs agree on every number to 1e-4
# (bench/compare.py; exits 1 if not), prints the table with Rubric's
# ratios to each peer and whether the targets against DuckDB are met
# (time <= 1/3, peak memory <= 1/10), the instructions per rating row
# that callgrind counts for rubric, and rubric's start-up time.
#
# Environment (all optional):
#   BENCH_SIZES          people per case, --raters 3     "100000 391000"
#   BENCH_RATERS         other --raters values, run at the first size
#                                                        "5 15"
#   BENCH_TOOLS          which tools                     "rubric duckdb pandas"
#   BENCH_REPEAT         rounds per case; each tool's fastest is kept  3
#   BENCH_TIMEOUT        seconds before a run is killed (and reported)  900
#   BENCH_CALLGRIND      people for the callgrind count (0: skip)       2000
#   BENCH_STARTUP_RUNS   runs of the start-up measure (0: skip)         50
#   BENCH_DIR            where the scratch folder is made      /tmp
#   BENCH_KEEP=1         keep the scratch folder (data, outputs, results)
#   BENCH_NO_INSTALL=1   install nothing; fail if something is missing
#   BENCH_DUCKDB_VERSION @duckdb/node-api version to install  1.5.6-r.1
#   BENCH_DUCKDB_THREADS DuckDB's threads (default: DuckDB's, one a core)
#   BENCH_RUBRIC_THREADS rubric's --threads (default: rubric's, one a core
#                        up to 2); callgrind always counts --threads 1
#   BENCH_COMMIT         the commit to print (default: git rev-parse HEAD)
#   BENCH_BUILD          the Makefile's build folder B                  build
#   MAKE                 the make to build with                          make
#
# The generated files of one case are deleted once the case is measured;
# the scratch folder goes at the end unless BENCH_KEEP=1.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZES=${BENCH_SIZES:-"100000 391000"}
RATERS=${BENCH_RATERS-"5 15"}
TOOLS=${BENCH_TOOLS:-"rubric duckdb pandas"}
REPEAT=${BENCH_REPEAT:-3}
TIMEOUT=${BENCH_TIMEOUT:-900}
CG_PEOPLE=${BENCH_CALLGRIND:-2000}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-50}
DUCKDB_VERSION=${BENCH_DUCKDB_VERSION:-1.5.6-r.1}
NODE_DIR=$ROOT/bench/node_modules-dir
PY=/usr/bin/python3
RULES=examples/bench360/bench360.rubric
MAKE=${MAKE:-make}

say() { printf '%s\n' "bench: $*" >&2; }
die() { printf '%s\n' "bench: $*" >&2; exit 1; }

# ---- 1. what is missing --------------------------------------------------

apt_updated=0
apt_install() {          # apt_install PACKAGE...
	[ "${BENCH_NO_INSTALL:-0}" = 1 ] &&
		die "missing: $* (BENCH_NO_INSTALL=1; apt-get install -y $*)"
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	command -v apt-get >/dev/null 2>&1 ||
		die "missing: $*, and no apt-get to install it with"
	if [ "$apt_updated" = 0 ]; then
		say "apt-get update"
		$sudo apt-get update -qq >&2
		apt_updated=1
	fi
	say "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

[ -x /usr/bin/time ] || apt_install time
command -v valgrind >/dev/null 2>&1 || [ "$CG_PEOPLE" = 0 ] ||
	apt_install valgrind
# hyperfine is optional: without it, a plain loop measures start-up.
if ! command -v hyperfine >/dev/null 2>&1 && [ "$STARTUP_RUNS" != 0 ] &&
	[ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
	apt_install hyperfine || say "no hyperfine; start-up measured with a loop"
fi

case " $TOOLS " in *" pandas "*)
	[ -x "$PY" ] || apt_install python3
	"$PY" -c 'import pandas' 2>/dev/null || apt_install python3-pandas
	"$PY" -c 'import pandas' || die "pandas does not import in $PY"
esac

case " $TOOLS " in *" duckdb "*)
	command -v node >/dev/null 2>&1 || apt_install nodejs npm
	if [ ! -f "$NODE_DIR/node_modules/@duckdb/node-api/package.json" ]; then
		[ "${BENCH_NO_INSTALL:-0}" = 1 ] &&
			die "missing: @duckdb/node-api in $NODE_DIR"
		command -v npm >/dev/null 2>&1 || apt_install npm
		say "npm install @duckdb/node-api@$DUCKDB_VERSION into $NODE_DIR"
		mkdir -p "$NODE_DIR"
		npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund \
			--loglevel=error "@duckdb/node-api@$DUCKDB_VERSION" >&2
	fi
	node "$ROOT/bench/duckdb.mjs" --version >/dev/null ||
		die "@duckdb/node-api does not load from $NODE_DIR"
esac

# ---- 2. build, scratch ---------------------------------------------------

say "building rubric and gen360"
BUILD=${BENCH_BUILD:-build}
$MAKE -s B="$BUILD" all >&2
$MAKE -s B="$BUILD" "$BUILD/gen360" >&2

# A new folder of our own, even inside BENCH_DIR: only it is ever removed.
mkdir -p "${BENCH_DIR:-/tmp}"
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/rubric-bench.XXXXXX")
WORK=$(cd "$WORK" && pwd)
cleanup() {
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		say "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' HUP INT PIPE TERM
RESULTS=$WORK/results.tsv
: > "$RESULTS"

# The binaries are copied, so that a rebuild in the work tree during the
# run cannot change what is measured half-way.
cp "$BUILD/rubric" "$WORK/rubric"
cp "$BUILD/gen360" "$WORK/gen360"
RUBRIC=$WORK/rubric
GEN=$WORK/gen360
commit=${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [ -n "$(git status --porcelain -- lang runtime cli stdlib Makefile 2>/dev/null)" ]; then
	commit="$commit with local changes"
fi

# ---- the machine, the versions --------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "== machine: $(nproc) cores, $mem, ${cpu:-unknown CPU}; $(uname -sr)"
echo "== rubric $("$RUBRIC" --version | sed 's/^rubric //'), commit $commit" \
	"(built by make with $(${CC:-cc} --version | head -n 1))"
case " $TOOLS " in *" duckdb "*)
	echo "== duckdb $(node "$ROOT/bench/duckdb.mjs" --version)" \
		"(@duckdb/node-api $(node -p "require('$NODE_DIR/node_modules/@duckdb/node-api/package.json').version")," \
		"node $(node --version), threads ${BENCH_DUCKDB_THREADS:-default})"
esac
echo "== rubric threads: ${BENCH_RUBRIC_THREADS:-default}"
case " $TOOLS " in *" pandas "*)
	echo "== pandas $("$PY" -c 'import pandas, numpy, platform; print(pandas.__version__, "(numpy", numpy.__version__ + ", python", platform.python_version() + ")")')"
esac

# ---- 3. one tool on one case -----------------------------------------------

# run TOOL DIR: one run, writing DIR/TOOL.csv; prints "wall peak_kb user
# sys" (seconds, KB), or "failed" / "timeout".
run() {
	tool=$1 d=$2 rc=0
	case $tool in
	rubric)
		timeout "$TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$d/$tool.time" \
			"$RUBRIC" eval "$RULES" --data people="$d/people.csv" \
			--data ratings="$d/ratings.csv" --format csv \
			${BENCH_RUBRIC_THREADS:+--threads "$BENCH_RUBRIC_THREADS"} \
			> "$d/$tool.csv" 2> "$d/$tool.err" || rc=$? ;;
	duckdb)
		timeout "$TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$d/$tool.time" \
			node "$ROOT/bench/duckdb.mjs" "$d/people.csv" \
			"$d/ratings.csv" "$d/$tool.csv" \
			> "$d/$tool.err" 2>&1 || rc=$? ;;
	pandas)
		timeout "$TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$d/$tool.time" \
			"$PY" "$ROOT/bench/pandas.py" "$d/people.csv" \
			"$d/ratings.csv" "$d/$tool.csv" \
			> "$d/$tool.err" 2>&1 || rc=$? ;;
	*) die "unknown tool '$tool'" ;;
	esac
	if [ "$rc" = 124 ]; then
		say "$tool: killed after ${TIMEOUT}s"
		echo timeout
	elif [ "$rc" != 0 ]; then
		say "$tool failed (exit $rc):"
		tail -n 5 "$d/$tool.err" >&2
		echo failed
	else
		tail -n 1 "$d/$tool.time"
	fi
}

failed=0
# bench_case PEOPLE RATERS: REPEAT rounds of every tool in turn (so that a
# disturbance of the machine hits all of them alike); the fastest run of
# each tool is kept, with its peak memory.
bench_case() {
	n=$1 k=$2
	d=$WORK/p$n-k$k
	rm -rf "$d"
	mkdir -p "$d"
	say "generating $n people, --raters $k"
	"$GEN" --people "$n" --raters "$k" --seed 1 "$d"
	# The files are read from the page cache by every tool; write them
	# out first so that the kernel's write-back does not land in a run.
	sync
	rows=$(($(wc -l < "$d/ratings.csv") - 1))
	mb=$(($(wc -c < "$d/ratings.csv") / 1048576))
	say "$rows rating rows (${mb} MiB)"
	round=0
	while [ "$round" -lt "$REPEAT" ]; do
		round=$((round + 1))
		for tool in $TOOLS; do
			# a tool that failed once is not run again
			case $(cat "$d/$tool.best" 2>/dev/null) in
			failed | timeout) continue ;;
			esac
			t=$(run "$tool" "$d")
			say "$tool, $n people, --raters $k, run $round: $t" \
				"(wall s, peak KB, user s, sys s)"
			case $t in
			failed | timeout) echo "$t" > "$d/$tool.best" ;;
			*)
				if [ ! -s "$d/$tool.best" ] ||
					awk -v a="$t" -v b="$(cat "$d/$tool.best")" 'BEGIN {
						split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'
				then
					echo "$t" > "$d/$tool.best"
				fi ;;
			esac
		done
	done
	outs=
	for tool in $TOOLS; do
		t=$(cat "$d/$tool.best")
		printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$k" "$rows" "$t" >> "$RESULTS"
		case $t in
		failed | timeout) failed=1 ;;
		*) outs="$outs $d/$tool.csv" ;;
		esac
	done
	# 4. every number agrees; the first tool's output is the reference
	# shellcheck disable=SC2086 # the paths have no blanks (mktemp, fixed names)
	set -- $outs
	if [ $# -ge 2 ]; then
		"$PY" "$ROOT/bench/compare.py" "$@" >&2 || {
			say "the tools DISAGREE on $n people, --raters $k (files kept in $d)"
			BENCH_KEEP=1
			exit 1
		}
		printf 'agree\t%s\t%s\t%s\n' "$n" "$k" "$#" >> "$RESULTS"
	fi
	rm -rf "$d"
}

first=
for n in $SIZES; do
	[ -n "$first" ] || first=$n
	bench_case "$n" 3
done
for k in $RATERS; do
	[ "$k" = 3 ] || bench_case "$first" "$k"
done

# ---- 6. instructions per rating row (callgrind) ---------------------------

cg_line=
if [ "$CG_PEOPLE" != 0 ]; then
	cg() {    # cg PEOPLE -> "rows Ir"
		d=$WORK/cg$1
		mkdir -p "$d"
		"$GEN" --people "$1" --raters 3 --seed 1 "$d"
		valgrind --tool=callgrind --callgrind-out-file="$d/cg.out" \
			"$RUBRIC" eval "$RULES" --data people="$d/people.csv" \
			--data ratings="$d/ratings.csv" --format csv --threads 1 \
			> "$d/out.csv" 2> "$d/cg.err" ||
			die "rubric under callgrind failed: $(tail -n 3 "$d/cg.err")"
		echo "$(($(wc -l < "$d/ratings.csv") - 1)) $(sed -n 's/^summary: //p' "$d/cg.out")"
		rm -rf "$d"
	}
	say "callgrind: rubric on $CG_PEOPLE and $((2 * CG_PEOPLE)) people"
	a=$(cg "$CG_PEOPLE")
	b=$(cg $((2 * CG_PEOPLE)))
	cg_line=$(echo "$a $b" | awk -v p="$CG_PEOPLE" '{
		printf "rubric, %d people (%d rating rows): %d instructions, %.0f per rating row; ", p, $1, $2, $2 / $1
		printf "from %d to %d people: %.0f per added row", p, 2 * p, ($4 - $2) / ($3 - $1) }')
fi

# ---- start-up ---------------------------------------------------------------

start_line=
if [ "$STARTUP_RUNS" != 0 ]; then
	say "start-up: rubric eval examples/mefhadic, $STARTUP_RUNS runs"
	mef="$RUBRIC eval $ROOT/examples/mefhadic/mefhadic.rubric"
	case $RUBRIC$ROOT in *[[:space:]]*)
		say "a space in the path; start-up measured with a loop"
		mef_loop=1 ;;
	*) mef_loop=0 ;;
	esac
	if [ "$mef_loop" = 0 ] && command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N --warmup 5 --runs "$STARTUP_RUNS" --output=null \
			--export-csv "$WORK/startup.csv" "$mef" > "$WORK/startup.log" 2>&1 ||
		hyperfine --warmup 5 --runs "$STARTUP_RUNS" --output=null \
			--export-csv "$WORK/startup.csv" "$mef" > "$WORK/startup.log" 2>&1
		start_line=$(awk -F, -v n="$STARTUP_RUNS" 'NR == 2 {
			printf "%.2f ms mean +- %.2f ms, min %.2f ms, median %.2f ms (hyperfine, %d runs)",
				$2 * 1000, $3 * 1000, $7 * 1000, $4 * 1000, n }' "$WORK/startup.csv")
	else
		t0=$(date +%s%N)
		i=0
		while [ "$i" -lt "$STARTUP_RUNS" ]; do
			"$RUBRIC" eval "$ROOT/examples/mefhadic/mefhadic.rubric" > /dev/null
			i=$((i + 1))
		done
		t1=$(date +%s%N)
		start_line=$(awk -v a="$t0" -v b="$t1" -v n="$STARTUP_RUNS" \
			'BEGIN { printf "%.2f ms mean (loop of %d runs)", (b - a) / n / 1e6, n }')
	fi
	peak=$(/usr/bin/time -f '%M' "$RUBRIC" eval \
		"$ROOT/examples/mefhadic/mefhadic.rubric" 2>&1 >/dev/null | tail -n 1)
	start_line="$start_line; peak $peak KB"
fi

# ---- 5. the table -------------------------------------------------------------

echo
awk -F'\t' -v tools="$TOOLS" '
	function mb(kb) { return sprintf("%.0f", kb / 1024) }
	$1 == "agree" { agree[$2 " " $3] = $4; next }
	{
		key = $2 " " $3
		if (!(key in seen)) { seen[key] = 1; order[++ncase] = key; rows[key] = $4 }
		res[$1, key] = $5
	}
	END {
		printf "%-7s %8s %7s %11s %9s %9s %11s %8s %8s %9s %9s\n",
			"tool", "people", "raters", "rows", "wall s", "peak MiB",
			"rows/s", "user s", "sys s", "time r/x", "mem r/x"
		nt = split(tools, tl, " ")
		for (c = 1; c <= ncase; c++) {
			key = order[c]
			split(key, nk, " ")
			split(res["rubric", key], rb, " ")
			for (t = 1; t <= nt; t++) {
				tool = tl[t]
				if (!((tool, key) in res)) continue
				v = res[tool, key]
				if (v == "failed" || v == "timeout") {
					printf "%-7s %8d %7d %11d %9s\n", tool, nk[1], nk[2], rows[key], v
					continue
				}
				split(v, x, " ")
				tr = mr = "-"
				if (tool != "rubric" && rb[1] != "" && rb[1] != "failed" && rb[1] != "timeout") {
					rt = x[1] > 0 ? rb[1] / x[1] : 0
					rm = x[2] > 0 ? rb[2] / x[2] : 0
					tr = sprintf("%.2f", rt)
					mr = sprintf("%.2f", rm)
					if (tool == "duckdb") {
						tmet = (3 * rt <= 1) ? "met" : "NOT met"
						mmet = (10 * rm <= 1) ? "met" : "NOT met"
						tgt[key] = sprintf("%8d people, --raters %2d: time %.3f of DuckDB'\''s (target <= 0.33: %s), peak memory %.3f (target <= 0.10: %s)",
							nk[1], nk[2], rt, tmet, rm, mmet)
					}
				}
				printf "%-7s %8d %7d %11d %9.2f %9s %11.0f %8.2f %8.2f %9s %9s\n",
					tool, nk[1], nk[2], rows[key], x[1], mb(x[2]),
					(x[1] > 0 ? rows[key] / x[1] : 0), x[3], x[4], tr, mr
			}
		}
		print ""
		print "time r/x, mem r/x: rubric'\''s wall time and peak memory over the tool'\''s (below 1: rubric is faster, smaller)"
		print "raters: gen360 --raters K (peers and collaborators per subject about K each; rows: rating rows)"
		print ""
		print "targets against DuckDB:"
		for (c = 1; c <= ncase; c++)
			if (order[c] in tgt) print "  " tgt[order[c]]
		print ""
		print "agreement (every number to 1e-4):"
		for (c = 1; c <= ncase; c++) {
			key = order[c]
			split(key, nk, " ")
			printf "  %8d people, --raters %2d: %s\n", nk[1], nk[2],
				(key in agree) ? agree[key] " outputs agree" : "not compared"
		}
	}' "$RESULTS"

echo
[ -z "$cg_line" ] || echo "callgrind: $cg_line"
[ -z "$start_line" ] || echo "start-up (rubric eval examples/mefhadic): $start_line"

if [ "$failed" = 1 ]; then
	say "a tool failed or timed out (see above)"
	exit 1
fi
