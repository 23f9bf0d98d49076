CREATE TABLE IF NOT EXISTS release_history (
    data_version VARCHAR NOT NULL,
    released_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    source       VARCHAR NOT NULL,
    rows         BIGINT NOT NULL
)
