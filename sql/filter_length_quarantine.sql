INSERT INTO quarantine
SELECT
    'filter_length' AS step,
    m.source,
    m.source_id,
    CASE
        WHEN length(m.input) < $min_chars THEN 'input_too_short'
        WHEN length(m.input) > $max_chars THEN 'input_too_long'
        WHEN length(m.output) < $min_chars THEN 'output_too_short'
        ELSE 'output_too_long'
    END AS reason,
    'input ' || length(m.input) || ' chars, output ' || length(m.output) || ' chars' AS detail,
    to_json(m) AS payload
FROM merged AS m
WHERE NOT (length(m.input) BETWEEN $min_chars AND $max_chars AND length(m.output) BETWEEN $min_chars AND $max_chars)
