-- The judge model's verdict on each row it scored, by content id and rubric version (the reply itself is in llm_cache).
CREATE TABLE IF NOT EXISTS judge_verdicts (
    id             VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    verdict        VARCHAR NOT NULL,
    reason         VARCHAR,
    model          VARCHAR NOT NULL,
    rubric_version VARCHAR NOT NULL,
    judged_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (id, model, rubric_version)
)
