-- The distinct published texts (view `published`: _row, column, scope, t) that this rules version never scanned.
SELECT DISTINCT p.scope, p.t
FROM published p
WHERE NOT EXISTS (SELECT 1 FROM phi_scans s WHERE s.rules_version = $version AND s.text_hash = hash(p.t) AND s.scope = p.scope)
