DELETE FROM sources.synthetic_rag WHERE json_extract_string(meta, '$.partition') = $partition
