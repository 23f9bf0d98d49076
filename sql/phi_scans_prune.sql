-- Records of older rules are never read again.
DELETE FROM phi_scans WHERE rules_version <> $version
