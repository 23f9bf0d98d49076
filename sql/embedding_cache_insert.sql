INSERT OR IGNORE INTO embedding_cache SELECT $model AS model, text_sha256, vector FROM new_vectors
