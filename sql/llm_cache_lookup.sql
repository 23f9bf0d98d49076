SELECT key, response FROM llm_cache WHERE key IN (SELECT unnest($keys::VARCHAR[]))
