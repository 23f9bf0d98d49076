-- What the PHI rules found in each published text, per rules version: the scrub records every text it leaves, the release
-- gate records every text it had to scan, and then reads only this table for texts it has seen. `text_hash` is polars'
-- hash() of the text, its low bit flipped for a meta JSON document (judged string by string; other texts are judged whole);
-- the rules version names the polars version, so a changed hash function never matches old records. One row per
-- (text_hash, rules_version): record_scans adds only texts not recorded yet (no index: inserts stay cheap).
CREATE TABLE IF NOT EXISTS phi_scans (
    text_hash     UBIGINT NOT NULL,
    rules_version VARCHAR NOT NULL,
    findings      STRUCT(label VARCHAR, rule VARCHAR)[] NOT NULL
)
