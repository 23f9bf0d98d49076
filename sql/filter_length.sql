-- Rows of `merged` whose input and output lengths lie in the configured bounds (characters).
CREATE OR REPLACE TABLE filtered AS
SELECT *
FROM merged
WHERE length(input) BETWEEN $min_chars AND $max_chars
  AND length(output) BETWEEN $min_chars AND $max_chars
