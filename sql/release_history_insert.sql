INSERT INTO release_history (data_version, source, rows, published_to)
VALUES ($data_version, $source, $rows, $published_to)
