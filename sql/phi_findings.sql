-- Every finding recorded for a published text (view `published`: _row, column, scope, t), one line per row, column and finding.
SELECT p._row AS "row", p."column", f.finding.label AS label, f.finding.rule AS rule
FROM published p
JOIN (SELECT text_hash, scope, unnest(findings) AS finding FROM phi_scans WHERE rules_version = $version AND len(findings) > 0) f
  ON f.text_hash = hash(p.t) AND f.scope = p.scope
ORDER BY "row", p."column", label, rule
