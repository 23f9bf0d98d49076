-- Every label ever imported, in order: review_labels keeps the latest per row, this keeps who changed it and when.
CREATE TABLE IF NOT EXISTS review_label_log (
    id          VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    note        VARCHAR,
    reviewer    VARCHAR NOT NULL,
    labelled_at TIMESTAMP NOT NULL,
    origin      VARCHAR NOT NULL
)
