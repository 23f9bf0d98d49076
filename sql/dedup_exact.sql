-- One row per content id (the hash of normalised input, context and output): the highest-priority
-- source wins, then the longest reasoning, then the smallest source_id, so the choice is reproducible.
CREATE OR REPLACE TABLE dedup_ranked AS
SELECT
    f.*,
    row_number() OVER (
        PARTITION BY f.id
        ORDER BY p.priority, length(coalesce(f.reasoning, '')) DESC, f.source, f.source_id
    ) AS rank_in_id,
    first_value(f.source || ':' || f.source_id) OVER (
        PARTITION BY f.id
        ORDER BY p.priority, length(coalesce(f.reasoning, '')) DESC, f.source, f.source_id
    ) AS kept_as
FROM scrubbed AS f
JOIN source_priority AS p USING (source)
