-- The last load of each source: where it came from, under which cap, and how many records it read and kept.
CREATE TABLE IF NOT EXISTS source_loads (
    source    VARCHAR PRIMARY KEY,
    origin    VARCHAR NOT NULL,
    row_cap   BIGINT,
    read      BIGINT NOT NULL,
    kept      BIGINT NOT NULL,
    loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
