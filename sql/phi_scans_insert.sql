INSERT INTO phi_scans SELECT text_hash, $version AS rules_version, findings FROM new_scans
