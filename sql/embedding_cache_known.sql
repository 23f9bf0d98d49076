SELECT text_sha256 FROM embedding_cache WHERE model = $model
