-- A vector is stored as its float32 bytes (little-endian): writing 100k vectors as BLOB takes a third of the time of FLOAT[]
-- with a primary key. No key: the cache is written only by the run holding the warehouse lock, and only texts it lacks.
CREATE TABLE IF NOT EXISTS embedding_vectors (
    model       VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,
    vector      BLOB NOT NULL
);
-- the FLOAT[] table of earlier versions: a cache, re-made on demand
DROP TABLE IF EXISTS embedding_cache;
