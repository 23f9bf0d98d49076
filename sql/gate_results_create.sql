-- The outcome of each release-gate check on one version of `final`: hub_release releases a version only
-- when every check of the suite passed on it, so the suite runs once per `final`.
CREATE TABLE IF NOT EXISTS gate_results (
    data_version VARCHAR NOT NULL,
    check_name   VARCHAR NOT NULL,
    passed       BOOLEAN NOT NULL,
    checked_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (data_version, check_name)
)
