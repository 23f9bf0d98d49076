CREATE TABLE IF NOT EXISTS embedding_cache (
    model       VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,
    vector      FLOAT[] NOT NULL,
    PRIMARY KEY (model, text_sha256)
)
