INSERT INTO sources.synthetic_rag BY NAME SELECT * FROM rows_frame
