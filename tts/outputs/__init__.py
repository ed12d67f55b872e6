"""Outputs: an Episode -> the files a listener or a reader opens.

In: ``tts.episode.Episode``. Out: transcripts (SRT and WebVTT captions cut to screen size,
JSON, chapters), the read-along page (page + assets/), the EPUB 3 with media overlays, the
folder's library page; serve previews a folder over HTTP. Pure functions of the Episode,
apart from serve.
"""
