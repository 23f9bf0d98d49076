DELETE FROM {table} WHERE json_extract_string(meta, '$.partition') = $partition
