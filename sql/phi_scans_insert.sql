INSERT OR IGNORE INTO phi_scans SELECT DISTINCT hash(t) AS text_hash, scope, $version AS rules_version, findings FROM new_scans
