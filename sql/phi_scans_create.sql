-- What the PHI rules found in each published text, per rules version: the scrub records every text it leaves, the release
-- gate records every text it had to scan, and then reads only this table for texts it has seen. `text_hash` is DuckDB's
-- hash() of the text (the rules version names the DuckDB version, so a changed hash function never matches old records);
-- `scope` is 'text' (a column or a message turn, judged whole) or 'meta' (a meta JSON document, judged string by string).
CREATE TABLE IF NOT EXISTS phi_scans (
    text_hash     UBIGINT NOT NULL,
    scope         VARCHAR NOT NULL,
    rules_version VARCHAR NOT NULL,
    findings      STRUCT(label VARCHAR, rule VARCHAR)[] NOT NULL,
    PRIMARY KEY (text_hash, scope, rules_version)
)
