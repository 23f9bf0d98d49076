INSERT INTO release_history (data_version, source, rows, published_to)
SELECT $data_version, source, count(*), $published_to FROM final GROUP BY source
