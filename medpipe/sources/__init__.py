"""Sources: the catalog of public datasets and evaluation sets, their readers and normalisers, and one asset per source."""
