WITH scores AS (
    SELECT source, CAST(json_extract_string(meta, '$.grounding_score') AS DOUBLE) AS score, NULL AS threshold FROM sources.synthetic_wiki_qa
    UNION ALL SELECT source, CAST(json_extract_string(meta, '$.grounding_score') AS DOUBLE), NULL FROM sources.synthetic_emergency_scenarios
    UNION ALL SELECT source, CAST(split_part(detail, ' < ', 1) AS DOUBLE), split_part(detail, ' < ', 2) FROM quarantine WHERE reason = 'low_grounding'
)
SELECT source, count(*), min(score), median(score), max(score), coalesce(max(threshold), 'see config') FROM scores GROUP BY source ORDER BY source
