-- bench360.sql - the bench360 scores computed independently of Rubric.
--
-- The contract of examples/bench360/bench360.rubric, written as SQL for
-- SQLite (3.32 or later).  Run this file on an empty database, import the
-- two CSV files without their headers into `people` and `ratings`, then
-- read the views (no score is NULL, which `sqlite3 -csv` prints as nothing):
--
--   scores            subject,competency,score,required,gap: the rows of
--                     `rubric eval ... --format csv`, in its order, the
--                     numbers through printf('%.4f') of a double
--   scores_exact      the same rows from exact integer arithmetic, rounded
--                     half-even to 4 places as Rubric documents: byte for
--                     byte what Rubric must print
--   relations_exact   the rows of `--table relations`
--   withheld_groups   (subject, competency, relation) with raters but
--                     fewer than the relation's minimum
--   duplicates        (subject, rater, relation, competency) given twice
--                     (Rubric refuses those; the generator never makes them)
--
-- The rules:  a relation's mean is the mean of its raters' scores for the
-- subject and competency; a relation with fewer distinct raters than its
-- minimum is withheld; the score is the weighted mean of the relation means
-- over the relations present, the weights renormalised over them (no
-- relation present: no score); the gap is max(0, required - score), empty
-- without a score; required comes from the subject's role.

CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT, unit TEXT, role TEXT);
CREATE TABLE ratings (subject TEXT, rater TEXT, relation TEXT,
                      competency TEXT, score INTEGER);

-- Weights in percent (integers, so the exact views stay exact), minimum
-- raters, and the relations' order in the assessment.
CREATE TABLE relation (name TEXT PRIMARY KEY, ord INTEGER, weight INTEGER,
                       minimum INTEGER);
INSERT INTO relation VALUES
  ('self', 1, 10, 1), ('superior', 2, 40, 1),
  ('peer', 3, 25, 3), ('collaborator', 4, 25, 3);

CREATE TABLE competency (name TEXT PRIMARY KEY);
INSERT INTO competency VALUES
  ('client_care'), ('change_management'), ('decision_making'),
  ('associative_management'), ('diversity_management'),
  ('strategic_thinking'), ('communication'), ('leadership'), ('teamwork');

-- The profiles: a role and a competency give the required level.
CREATE VIEW requirement AS
SELECT p.id AS subject, c.name AS competency,
       CASE p.role
         WHEN 'strategic' THEN
           CASE WHEN c.name IN ('strategic_thinking', 'leadership') THEN 5
                ELSE 4 END
         WHEN 'tactical' THEN 3
         WHEN 'operational' THEN
           CASE WHEN c.name IN ('diversity_management', 'strategic_thinking')
                THEN 2 ELSE 3 END
       END AS required
FROM people p CROSS JOIN competency c;

-- One row per (subject, competency, relation) that has ratings.
CREATE VIEW cell AS
SELECT r.subject, r.competency, r.relation,
       count(DISTINCT r.rater) AS raters,
       count(*) AS answers,
       sum(r.score) AS total
FROM ratings r
GROUP BY r.subject, r.competency, r.relation;

CREATE VIEW withheld_groups AS
SELECT c.* FROM cell c JOIN relation w ON w.name = c.relation
WHERE c.raters > 0 AND c.raters < w.minimum;

CREATE VIEW duplicates AS
SELECT subject, rater, relation, competency, count(*) AS times
FROM ratings GROUP BY subject, rater, relation, competency
HAVING count(*) > 1;

-- The relations that count: enough distinct raters.
CREATE VIEW present AS
SELECT c.subject, c.competency, c.relation, w.weight,
       c.raters, c.total, 1.0 * c.total / c.raters AS mean
FROM cell c JOIN relation w ON w.name = c.relation
WHERE c.raters >= w.minimum;

-- ---- floating point ----------------------------------------------------------

CREATE VIEW score_double AS
SELECT subject, competency, sum(weight * mean) / sum(weight) AS score
FROM present GROUP BY subject, competency;

CREATE VIEW scores AS
SELECT q.subject, q.competency,
       CASE WHEN s.score IS NULL THEN NULL ELSE printf('%.4f', s.score) END
         AS score,
       printf('%.4f', q.required) AS required,
       CASE WHEN s.score IS NULL THEN NULL
            ELSE printf('%.4f', max(0.0, q.required - s.score)) END AS gap
FROM requirement q
LEFT JOIN score_double s
  ON s.subject = q.subject AND s.competency = q.competency
ORDER BY q.subject, q.competency;

-- ---- exact ------------------------------------------------------------------
--
-- With relation i present holding n_i raters and total t_i, weight w_i
-- (absent: w_i = t_i = 0, n_i = 1):
--   score = (sum_i w_i t_i / n_i) / (sum_i w_i) = num / den
--   num   = sum_i w_i t_i prod_{j != i} n_j
--   den   = (sum_i w_i) prod_j n_j
-- all integers.  half_even(num, den) is num/den to 4 places, as text.

CREATE VIEW pivot AS
SELECT subject, competency,
  sum(CASE relation WHEN 'self' THEN weight ELSE 0 END) AS w1,
  sum(CASE relation WHEN 'self' THEN total ELSE 0 END) AS t1,
  max(CASE relation WHEN 'self' THEN raters ELSE 1 END) AS n1,
  sum(CASE relation WHEN 'superior' THEN weight ELSE 0 END) AS w2,
  sum(CASE relation WHEN 'superior' THEN total ELSE 0 END) AS t2,
  max(CASE relation WHEN 'superior' THEN raters ELSE 1 END) AS n2,
  sum(CASE relation WHEN 'peer' THEN weight ELSE 0 END) AS w3,
  sum(CASE relation WHEN 'peer' THEN total ELSE 0 END) AS t3,
  max(CASE relation WHEN 'peer' THEN raters ELSE 1 END) AS n3,
  sum(CASE relation WHEN 'collaborator' THEN weight ELSE 0 END) AS w4,
  sum(CASE relation WHEN 'collaborator' THEN total ELSE 0 END) AS t4,
  max(CASE relation WHEN 'collaborator' THEN raters ELSE 1 END) AS n4
FROM present GROUP BY subject, competency;

CREATE VIEW fraction AS
SELECT subject, competency,
       w1 * t1 * n2 * n3 * n4 + w2 * t2 * n1 * n3 * n4
     + w3 * t3 * n1 * n2 * n4 + w4 * t4 * n1 * n2 * n3 AS num,
       (w1 + w2 + w3 + w4) * n1 * n2 * n3 * n4 AS den
FROM pivot;

-- The fraction of each row, and the gap's: required - score when positive.
CREATE VIEW exact AS
SELECT q.subject, q.competency, q.required, f.num, f.den,
       max(0, q.required * f.den - f.num) AS gnum
FROM requirement q
LEFT JOIN fraction f
  ON f.subject = q.subject AND f.competency = q.competency;

-- x / den in ten-thousandths, rounded half to even (x >= 0, den > 0):
--   q = x * 10000 / den (integer division), r = x * 10000 % den,
--   plus one when 2r > den, or 2r = den and q is odd.
CREATE VIEW exact4 AS
SELECT subject, competency, required, den,
       (num * 10000) / den
       + CASE WHEN 2 * ((num * 10000) % den) > den THEN 1
              WHEN 2 * ((num * 10000) % den) = den
               AND ((num * 10000) / den) % 2 = 1 THEN 1
              ELSE 0 END AS score4,
       (gnum * 10000) / den
       + CASE WHEN 2 * ((gnum * 10000) % den) > den THEN 1
              WHEN 2 * ((gnum * 10000) % den) = den
               AND ((gnum * 10000) / den) % 2 = 1 THEN 1
              ELSE 0 END AS gap4
FROM exact;

CREATE VIEW scores_exact AS
SELECT subject, competency,
       CASE WHEN den IS NULL THEN NULL
            ELSE printf('%d.%04d', score4 / 10000, score4 % 10000) END
         AS score,
       printf('%d.0000', required) AS required,
       CASE WHEN den IS NULL THEN NULL
            ELSE printf('%d.%04d', gap4 / 10000, gap4 % 10000) END AS gap
FROM exact4
ORDER BY subject, competency;

-- `--table relations`: every relation of every (subject, competency), in
-- the assessment's order; the mean only when shown, exact and half-even.
CREATE VIEW relations_exact AS
SELECT q.subject, q.competency, w.name AS relation,
       printf('0.%04d', w.weight * 100) AS weight,
       w.minimum,
       coalesce(c.raters, 0) AS raters,
       0 AS not_applicable,
       CASE WHEN coalesce(c.raters, 0) < w.minimum THEN NULL
            ELSE printf('%d.%04d', m4 / 10000, m4 % 10000) END AS mean,
       CASE WHEN c.raters IS NULL THEN 'missing'
            WHEN c.raters < w.minimum THEN 'withheld'
            ELSE 'shown' END AS status
FROM requirement q
CROSS JOIN relation w
LEFT JOIN (
  SELECT subject, competency, relation, raters,
         (total * 10000) / raters
         + CASE WHEN 2 * ((total * 10000) % raters) > raters THEN 1
                WHEN 2 * ((total * 10000) % raters) = raters
                 AND ((total * 10000) / raters) % 2 = 1 THEN 1
                ELSE 0 END AS m4
  FROM cell
) c ON c.subject = q.subject AND c.competency = q.competency
   AND c.relation = w.name
ORDER BY q.subject, q.competency, w.ord;
