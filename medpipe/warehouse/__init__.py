"""The shared kernel: the row schema, text normalisation, the DuckDB warehouse with one transaction helper, and table names."""
