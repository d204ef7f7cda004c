// duckdb.mjs - the bench360 scores computed by DuckDB (@duckdb/node-api).
//
//   node bench/duckdb.mjs PEOPLE.csv RATINGS.csv OUT.csv
//   node bench/duckdb.mjs --version
//
// The same contract as examples/bench360/bench360.rubric, written in SQL
// the way a DuckDB user would: read_csv on both files, one query, COPY to
// CSV.  The SQL follows tests/e2e/bench360.sql (views cell, present,
// score_double and scores): a relation's mean is the mean of its raters'
// scores; a relation with fewer distinct raters than its minimum is
// withheld; the score is the weighted mean over the relations present,
// weights renormalised; gap = max(0, required - score).  Doubles, printed
// with printf('%.4f'): on an exact tie at the fifth decimal this may round
// away from zero where Rubric rounds half-even, which is why bench/compare.py
// compares numbers to 1e-4 and not strings.
//
// The @duckdb/node-api package is looked for in BENCH_NODE_DIR (default:
// bench/node_modules-dir, where bench/run.sh installs it).  DuckDB runs with
// its defaults (as many threads as cores) unless BENCH_DUCKDB_THREADS is set.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.BENCH_NODE_DIR || path.join(here, 'node_modules-dir');
// Resolve as if from a file in nodeDir: its node_modules is searched first.
const require = createRequire(path.join(path.resolve(nodeDir), 'index.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

// --version: DuckDB's version, for the report.
if (process.argv[2] === '--version') {
	const inst = await DuckDBInstance.create(':memory:');
	const c = await inst.connect();
	const reader = await c.runAndReadAll('SELECT version()');
	console.log(reader.getRows()[0][0]);
	process.exit(0);
}

const [people, ratings, out] = process.argv.slice(2);
if (!people || !ratings || !out) {
	console.error('usage: node bench/duckdb.mjs PEOPLE.csv RATINGS.csv OUT.csv');
	process.exit(2);
}

// SQL string literal.
const lit = (s) => "'" + String(s).replaceAll("'", "''") + "'";

const sql = `
COPY (
  WITH
  people AS (
    SELECT * FROM read_csv(${lit(people)}, header = true,
      columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'unit': 'VARCHAR',
                 'role': 'VARCHAR'})
  ),
  ratings AS (
    SELECT * FROM read_csv(${lit(ratings)}, header = true,
      columns = {'subject': 'VARCHAR', 'rater': 'VARCHAR',
                 'relation': 'VARCHAR', 'competency': 'VARCHAR',
                 'score': 'INTEGER'})
  ),
  relation(name, weight, minimum) AS (
    VALUES ('self', 10, 1), ('superior', 40, 1),
           ('peer', 25, 3), ('collaborator', 25, 3)
  ),
  competency(name) AS (
    VALUES ('client_care'), ('change_management'), ('decision_making'),
           ('associative_management'), ('diversity_management'),
           ('strategic_thinking'), ('communication'), ('leadership'),
           ('teamwork')
  ),
  requirement AS (
    SELECT p.id AS subject, c.name AS competency,
           CASE p.role
             WHEN 'strategic' THEN
               CASE WHEN c.name IN ('strategic_thinking', 'leadership')
                    THEN 5 ELSE 4 END
             WHEN 'tactical' THEN 3
             WHEN 'operational' THEN
               CASE WHEN c.name IN ('diversity_management',
                                    'strategic_thinking')
                    THEN 2 ELSE 3 END
           END AS required
    FROM people p CROSS JOIN competency c
  ),
  cell AS (
    SELECT subject, competency, relation,
           count(DISTINCT rater) AS raters, sum(score) AS total
    FROM ratings
    GROUP BY subject, competency, relation
  ),
  present AS (
    SELECT c.subject, c.competency, w.weight,
           c.total::DOUBLE / c.raters AS mean
    FROM cell c JOIN relation w ON w.name = c.relation
    WHERE c.raters >= w.minimum
  ),
  score_double AS (
    SELECT subject, competency, sum(weight * mean) / sum(weight) AS score
    FROM present
    GROUP BY subject, competency
  )
  SELECT q.subject, q.competency,
         printf('%.4f', s.score) AS score,
         printf('%.4f', q.required::DOUBLE) AS required,
         -- greatest() skips NULLs: no score must stay no gap
         CASE WHEN s.score IS NULL THEN NULL
              ELSE printf('%.4f', greatest(0.0, q.required - s.score))
         END AS gap
  FROM requirement q
  LEFT JOIN score_double s
    ON s.subject = q.subject AND s.competency = q.competency
  ORDER BY q.subject, q.competency
) TO ${lit(out)} (FORMAT csv, HEADER true);
`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
if (process.env.BENCH_DUCKDB_THREADS) {
	const threads = Number(process.env.BENCH_DUCKDB_THREADS);
	if (!Number.isInteger(threads) || threads < 1) {
		console.error('duckdb.mjs: BENCH_DUCKDB_THREADS must be a whole number above 0');
		process.exit(2);
	}
	await conn.run(`SET threads = ${threads}`);
}
await conn.run(sql);
conn.closeSync?.();
