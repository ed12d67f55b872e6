"""tts: a Russian news article in, a chaptered audio episode with transcripts out."""

__version__ = "0.1.0"
