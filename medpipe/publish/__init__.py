"""Publish: the release gate on `final`, the Hub-ready release folder (shards, card, plots, SFT exports) and the push to the Hub."""
