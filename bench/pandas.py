#!/usr/bin/python3
"""pandas.py - the bench360 scores computed by pandas.

    /usr/bin/python3 bench/pandas.py PEOPLE.csv RATINGS.csv OUT.csv

The contract of examples/bench360/bench360.rubric, written the way a
pandas user who cares about speed would: read_csv with categorical dtypes
for the repeated text columns, vectorised groupby, no Python loop over the
rows.  It follows tests/e2e/bench360.sql (views cell, present,
score_double and scores): a relation's mean is the mean of its raters'
scores; a relation with fewer distinct raters than its minimum is
withheld; the score is the weighted mean over the relations present,
weights renormalised; gap = max(0, required - score).  Doubles, printed
with '%.4f' (on an exact tie this may round differently from Rubric's
half-even; bench/compare.py compares numbers to 1e-4).

Runs with Debian's python3-pandas (hence /usr/bin/python3).
"""

import os
import sys

# This file is named pandas.py: keep its own folder off the module path so
# that the import below finds the real pandas, not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path
               if os.path.abspath(p or os.curdir) != _here]

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

RELATIONS = pd.DataFrame({
    "relation": ["self", "superior", "peer", "collaborator"],
    "weight": [10, 40, 25, 25],
    "minimum": [1, 1, 3, 3],
})
COMPETENCIES = [
    "client_care", "change_management", "decision_making",
    "associative_management", "diversity_management", "strategic_thinking",
    "communication", "leadership", "teamwork",
]


def main(people_path, ratings_path, out_path):
    people = pd.read_csv(people_path, usecols=["id", "role"],
                         dtype={"id": str, "role": "category"})
    ratings = pd.read_csv(
        ratings_path,
        dtype={"subject": "category", "rater": "category",
               "relation": "category", "competency": "category",
               "score": np.int8})

    keys = ["subject", "competency", "relation"]
    cell = (ratings.groupby(keys, observed=True, sort=False)
            .agg(raters=("rater", "nunique"), total=("score", "sum"))
            .reset_index())
    del ratings
    cell["relation"] = cell["relation"].astype(str)
    cell = cell.merge(RELATIONS, on="relation", how="inner")
    present = cell[cell["raters"] >= cell["minimum"]].copy()
    present["wmean"] = present["weight"] * (present["total"] / present["raters"])
    sums = (present.groupby(["subject", "competency"], observed=True,
                            sort=False)[["wmean", "weight"]].sum())
    score = (sums["wmean"] / sums["weight"]).rename("score").reset_index()
    score["subject"] = score["subject"].astype(str)
    score["competency"] = score["competency"].astype(str)

    # Every person and competency, with the required level of the role.
    req = pd.DataFrame({
        "subject": np.repeat(people["id"].to_numpy(), len(COMPETENCIES)),
        "competency": np.tile(COMPETENCIES, len(people)),
        "role": np.repeat(people["role"].astype(str).to_numpy(),
                          len(COMPETENCIES)),
    })
    comp = req["competency"]
    role = req["role"]
    req["required"] = np.select(
        [role == "strategic",
         role == "tactical",
         role == "operational"],
        [np.where(comp.isin(["strategic_thinking", "leadership"]), 5, 4),
         3,
         np.where(comp.isin(["diversity_management", "strategic_thinking"]),
                  2, 3)],
        default=np.nan).astype(float)

    out = req.merge(score, on=["subject", "competency"], how="left")
    out["gap"] = np.maximum(0.0, out["required"] - out["score"])  # NaN stays
    out = out.sort_values(["subject", "competency"], kind="stable")
    out[["subject", "competency", "score", "required", "gap"]].to_csv(
        out_path, index=False, float_format="%.4f", na_rep="")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: /usr/bin/python3 bench/pandas.py PEOPLE.csv RATINGS.csv OUT.csv")
    main(*sys.argv[1:])
