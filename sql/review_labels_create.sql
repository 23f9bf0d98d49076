-- Clinicians' labels of rows, keyed by the row's content id (warehouse.text.content_id): a label holds while the row's content is
-- unchanged. A label whose row came back from its source with other content (same source and source id, another id) is retired:
-- `retired_at` set, no longer counted by the audit or applied to rows.
CREATE TABLE IF NOT EXISTS review_labels (
    id              VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    source_id       VARCHAR,
    label           VARCHAR NOT NULL,
    note            VARCHAR,
    reviewer        VARCHAR NOT NULL,
    labelled_at     TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP,
    retired_because VARCHAR
)
