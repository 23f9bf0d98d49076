CREATE OR REPLACE TABLE deduplicated AS
SELECT * EXCLUDE (rank_in_id, kept_as) FROM dedup_ranked WHERE rank_in_id = 1
