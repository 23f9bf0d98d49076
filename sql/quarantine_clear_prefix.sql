DELETE FROM quarantine WHERE step = $step AND starts_with(source_id, $prefix)
