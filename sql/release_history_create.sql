-- One row per source per release; `published_to` is the Hub repo the release was pushed to, or 'local'.
CREATE TABLE IF NOT EXISTS release_history (
    data_version VARCHAR NOT NULL,
    released_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    source       VARCHAR NOT NULL,
    rows         BIGINT NOT NULL,
    published_to VARCHAR NOT NULL DEFAULT 'local'
)
