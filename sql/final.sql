-- The split comes from each row's split group (curation/splits.py: rows sharing a question, an answer of substance or a
-- near-duplicate question), so no test question or answer is also in train, and a row keeps its split across releases and seeds
-- unless a new row joins its group to another; the seeded hash only shuffles the order.
CREATE OR REPLACE TABLE final AS
SELECT
    CASE WHEN md5_number('split:' || g.split_group) % 1000000 < $test_fraction * 1000000 THEN 'test' ELSE 'train' END AS split,
    s.*
FROM step_input AS s
JOIN split_groups AS g USING (id)
ORDER BY md5($seed || ':' || s.id)
