CREATE OR REPLACE TABLE corpus.faiss_ids AS
SELECT (row_number() OVER (ORDER BY chunk_id) - 1)::BIGINT AS position, chunk_id
FROM corpus.chunk_embeddings
