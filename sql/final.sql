-- The split comes from the content id alone, so a row keeps its split across releases and seeds
-- (no train/test leakage when sources grow); the seeded hash only shuffles the order.
CREATE OR REPLACE TABLE final AS
SELECT
    CASE WHEN md5_number('split:' || id) % 1000000 < $test_fraction * 1000000 THEN 'test' ELSE 'train' END AS split,
    *
FROM step_input
ORDER BY md5($seed || ':' || id)
