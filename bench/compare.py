#!/usr/bin/env python3
"""compare.py - check that the bench360 outputs of several tools agree.

    python3 bench/compare.py REFERENCE.csv OTHER.csv [OTHER.csv ...]

Each file is the output of `rubric eval examples/bench360/bench360.rubric
--format csv` or of a peer computing the same (bench/duckdb.mjs,
bench/pandas.py): header subject,competency,score,required,gap, then one
row per subject and competency in that order.  Every OTHER must have the
same header, the same number of rows, the same subject and competency on
each row, and score, required and gap within 0.0001 of REFERENCE's (an
empty field only where REFERENCE's is empty).  Numbers are compared as
integers in ten-thousandths, so the tolerance is exact: half-even (Rubric)
and half-away-from-zero (printf of a double) differ by one in the last
place on an exact tie, which is allowed; anything more is not.

Prints one line per OTHER: rows compared, rows whose text differs (the
ties), rows without a score.  Exits 1 at the first disagreement, showing
both rows.  Standard library only.
"""

import sys

HEADER = "subject,competency,score,required,gap"


def units(field):
    """'3.2444' -> 32444; '' -> None.  Four decimals expected."""
    if field == "":
        return None
    neg = field.startswith("-")
    whole, _, frac = field.lstrip("-").partition(".")
    frac = (frac + "0000")[:4] if len(frac) <= 4 else None
    if frac is None:
        raise ValueError("more than 4 decimals: %r" % field)
    value = int(whole) * 10000 + int(frac)
    return -value if neg else value


def near(a, b):
    ua, ub = units(a), units(b)
    if ua is None or ub is None:
        return ua is None and ub is None
    return abs(ua - ub) <= 1


def compare(ref_path, other_path):
    rows = ties = empty = 0
    with open(ref_path, encoding="utf-8") as ref, \
            open(other_path, encoding="utf-8") as other:
        def bad(why, r, o):
            sys.stderr.write(
                "compare: %s vs %s, data row %d: %s\n  %s: %s\n  %s: %s\n"
                % (ref_path, other_path, rows, why,
                   ref_path, r.rstrip("\n"), other_path, o.rstrip("\n")))
            sys.exit(1)

        h1, h2 = ref.readline().rstrip("\r\n"), other.readline().rstrip("\r\n")
        if h1 != HEADER or h2 != HEADER:
            bad("header", h1, h2)
        for r in ref:
            o = other.readline()
            rows += 1
            if not o:
                bad("%s has fewer rows" % other_path, r, "")
            if r == o:
                if r.split(",", 3)[2] == "":
                    empty += 1
                continue
            rf = r.rstrip("\r\n").split(",")
            of = o.rstrip("\r\n").split(",")
            if len(rf) != 5 or len(of) != 5:
                bad("not 5 fields", r, o)
            if rf[0] != of[0] or rf[1] != of[1]:
                bad("different subject or competency", r, o)
            for i, name in ((2, "score"), (3, "required"), (4, "gap")):
                try:
                    ok = near(rf[i], of[i])
                except ValueError as e:
                    bad(str(e), r, o)
                if not ok:
                    bad("different %s" % name, r, o)
            ties += 1
            if rf[2] == "":
                empty += 1
        extra = other.readline()
        if extra:
            rows += 1
            bad("%s has more rows" % other_path, "", extra)
    if rows == 0:
        sys.stderr.write("compare: %s has no rows\n" % ref_path)
        sys.exit(1)
    print("compare: %s = %s: %d rows agree to 1e-4 (%d differ in the last "
          "place, ties rounded differently; %d without a score)"
          % (other_path, ref_path, rows, ties, empty))


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: compare.py REFERENCE.csv OTHER.csv [OTHER.csv ...]")
    for other in argv[2:]:
        compare(argv[1], other)


if __name__ == "__main__":
    main(sys.argv)
