"""Audio: clips -> audio files.

In: the clips and the sentences' pauses. timeline places them (in samples); loudness levels the
whole; encode writes the MP3 in cached chunks (mp3frames keeps the chunks gapless); formats
makes M4A/M4B/Opus and EPUB; ffmpeg runs ffmpeg. Out: the audio files and their Timeline.
"""
