SELECT source, rows FROM release_history
WHERE released_at = (SELECT max(released_at) FROM release_history)
