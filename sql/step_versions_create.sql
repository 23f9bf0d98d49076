-- What each step last built from: the hash of its inputs' versions, its config and the code, and the metadata it
-- reported. A step whose inputs hash is unchanged skips and reports that metadata again.
CREATE TABLE IF NOT EXISTS step_versions (
    step        VARCHAR PRIMARY KEY,
    inputs      VARCHAR NOT NULL,
    metadata    VARCHAR NOT NULL,
    finished_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
