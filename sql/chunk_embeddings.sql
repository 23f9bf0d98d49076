-- The current chunks with their cached vectors, in chunk_id order (the order of the FAISS ids).
CREATE OR REPLACE TABLE corpus.chunk_embeddings AS
SELECT c.chunk_id, c.text_sha256, e.vector
FROM corpus.pdf_chunks AS c
JOIN embedding_vectors AS e ON e.model = $model AND e.text_sha256 = c.text_sha256
ORDER BY c.chunk_id
