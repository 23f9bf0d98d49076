DELETE FROM quarantine WHERE step = $step AND ($source IS NULL OR source = $source)
