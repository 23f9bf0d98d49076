-- The cached vectors of the texts in `wanted` (position, text_sha256), in position order.
SELECT e.vector
FROM wanted AS w
JOIN embedding_vectors AS e ON e.text_sha256 = w.text_sha256 AND e.model = $model
ORDER BY w.position
