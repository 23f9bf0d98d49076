INSERT OR REPLACE INTO llm_cache (key, model, prompt_version, prompt, options, response, host, prompt_tokens, generated_tokens, generation_ns)
VALUES ($key, $model, $prompt_version, $prompt, $options, $response, $host, $prompt_tokens, $generated_tokens, $generation_ns)
