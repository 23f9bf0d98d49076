INSERT INTO quarantine BY NAME SELECT * FROM quarantine_frame
