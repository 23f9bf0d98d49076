CREATE TABLE IF NOT EXISTS llm_cache (
    key               VARCHAR PRIMARY KEY,
    model             VARCHAR NOT NULL,
    prompt_version    VARCHAR NOT NULL,
    prompt            VARCHAR NOT NULL,
    options           VARCHAR NOT NULL,
    response          VARCHAR NOT NULL,
    host              VARCHAR,
    prompt_tokens     INTEGER,
    generated_tokens  INTEGER,
    generation_ns     BIGINT,
    created_at        TIMESTAMP DEFAULT current_timestamp
)
