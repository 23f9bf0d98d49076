INSERT OR REPLACE INTO curation_runs (step, output, config, read, kept, dropped, finished_at)
VALUES ($step, $output, $config, $read, $kept, $dropped, current_timestamp)
