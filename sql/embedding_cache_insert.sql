INSERT INTO embedding_vectors SELECT $model AS model, text_sha256, vector FROM new_vectors
