INSERT OR REPLACE INTO source_loads (source, origin, row_cap, read, kept, loaded_at)
VALUES ($source, $origin, $row_cap, $read, $kept, current_timestamp)
