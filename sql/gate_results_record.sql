INSERT OR REPLACE INTO gate_results (data_version, check_name, passed, checked_at) VALUES ($data_version, $check_name, $passed, current_timestamp)
