INSERT INTO {table} BY NAME SELECT * FROM rows_frame
