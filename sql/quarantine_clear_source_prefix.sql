DELETE FROM quarantine WHERE step = $step AND source = $source AND starts_with(source_id, $prefix)
