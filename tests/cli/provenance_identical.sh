# Provenance: the same inputs give byte-identical reports - text, JSON,
# each CSV table and its provenance companion - run after run, from
# another folder (paths are shown as given, never made absolute), and
# whatever the order of the options on the command line.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/a" "$d/b"
cp examples/mefhadic/mefhadic.rubric examples/mefhadic/people.csv \
   examples/mefhadic/ratings.csv "$d/a/"
cp "$d"/a/* "$d/b/"

run() { # folder name args...
	dir=$1 name=$2
	shift 2
	(cd "$d/$dir" && "$RUBRIC" eval "$@" >"$d/$dir.$name" 2>"$d/$dir.$name.err") ||
		{ echo "eval $* failed:"; cat "$d/$dir.$name.err"; exit 1; }
}
same() { # file file
	cmp -s "$1" "$2" || { echo "differ: $1 $2"; diff "$1" "$2" | head -20; exit 1; }
}

for dir in a b; do
	for k in 1 2; do
		run $dir text$k --as-of 2024-01-01 mefhadic.rubric
		run $dir json$k --format json --as-of 2024-01-01 mefhadic.rubric
		for t in scores relations subjects gaps groups development succession data; do
			run $dir $t$k --format csv --table $t mefhadic.rubric
		done
		run $dir csvout$k --format csv --table gaps -o gaps$k.csv mefhadic.rubric
		run $dir order$k --data ratings=ratings.csv --as-of 2024-01-01 \
			--data people=people.csv mefhadic.rubric
	done
done
for dir in a b; do
	for f in text json scores relations subjects gaps groups development succession data; do
		same "$d/$dir.${f}1" "$d/$dir.${f}2"
		same "$d/a.${f}1" "$d/$dir.${f}2"
	done
	same "$d/$dir/gaps1.csv" "$d/$dir/gaps2.csv"
	same "$d/a/gaps1.csv" "$d/$dir/gaps2.csv"
	# the companions differ only in the name of the report they describe
	sed 's/gaps1\.csv/gaps.csv/' "$d/$dir/gaps1.csv.provenance.json" >"$d/$dir.p1"
	sed 's/gaps2\.csv/gaps.csv/' "$d/$dir/gaps2.csv.provenance.json" >"$d/$dir.p2"
	same "$d/$dir.p1" "$d/$dir.p2"
	same "$d/a.p1" "$d/$dir.p2"
done
# the CSV table on standard output is the file's, byte for byte
same "$d/a.gaps1" "$d/a/gaps1.csv"
# the options in one canonical order, whatever the command line's
grep -qx '  options       --as-of 2024-01-01 --data people=people.csv --data ratings=ratings.csv' \
	"$d/a.order1" || { echo "options line:"; grep options "$d/a.order1"; exit 1; }
same "$d/a.order1" "$d/b.order2"
# nothing that varies between runs: no temporary path, no time of day
! grep -q "$d" "$d/a.text1" "$d/a.json1" "$d/a/gaps1.csv.provenance.json" ||
	{ echo "a temporary path in a report"; exit 1; }
