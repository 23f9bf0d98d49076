-- Each row of the step's input with the reason it is dropped (NULL: kept): input and output must be
-- between $min_chars and $max_chars characters long.
SELECT
    *,
    CASE
        WHEN length(input) < $min_chars THEN 'input_too_short'
        WHEN length(input) > $max_chars THEN 'input_too_long'
        WHEN length(output) < $min_chars THEN 'output_too_short'
        WHEN length(output) > $max_chars THEN 'output_too_long'
    END AS drop_reason,
    'input ' || length(input) || ' chars, output ' || length(output) || ' chars' AS drop_detail
FROM step_input
