CREATE TABLE IF NOT EXISTS quarantine (
    step      VARCHAR NOT NULL,
    source    VARCHAR NOT NULL,
    source_id VARCHAR,
    reason    VARCHAR NOT NULL,
    detail    VARCHAR,
    payload   VARCHAR
)
