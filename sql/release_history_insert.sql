INSERT INTO release_history (data_version, source, rows)
SELECT $data_version, source, count(*) FROM final GROUP BY source
