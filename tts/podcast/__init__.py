"""Podcast: Episodes -> the feed.

In: every Episode of an output folder and its podcast.toml (config). Out: feed.xml, built
(feed), checked against the Podcasting 2.0 schema and the clients' rules (check, schema/),
and published atomically (publish). The covers: Apple's rules for any image (artwork) and the
default cover `tts feed init` draws (cover).
"""
