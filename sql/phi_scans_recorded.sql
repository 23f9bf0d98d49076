SELECT text_hash, findings FROM phi_scans WHERE rules_version = $version
