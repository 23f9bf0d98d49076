-- What each curation step did in its last run, with the config it ran with: the card and the gate read
-- the thresholds from here, not from defaults reconstructed elsewhere.
CREATE TABLE IF NOT EXISTS curation_runs (
    step        VARCHAR PRIMARY KEY,
    output      VARCHAR NOT NULL,
    config      VARCHAR NOT NULL,
    read        BIGINT NOT NULL,
    kept        BIGINT NOT NULL,
    dropped     BIGINT NOT NULL,
    finished_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
