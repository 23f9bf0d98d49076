INSERT INTO quarantine
SELECT 'dedup_exact', source, source_id, 'exact_duplicate', 'duplicate of ' || kept_as,
       to_json(struct_pack(id, input, context, output))
FROM dedup_ranked
WHERE rank_in_id > 1
