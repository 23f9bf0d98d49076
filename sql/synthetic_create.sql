CREATE TABLE IF NOT EXISTS sources.synthetic_rag AS SELECT * FROM rows_frame WHERE false
