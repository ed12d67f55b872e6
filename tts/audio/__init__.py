"""Audio: clips -> audio files.

In: the clips and the sentences' pauses. timeline places them (in samples), and chapters cuts
long chapters of a text without headings by time; loudness levels the whole; encode writes the
MP3 in cached chunks (mp3frames keeps the chunks gapless); formats makes M4A/M4B and Opus;
picture puts the cover into each; ffmpeg runs ffmpeg. Out: the audio files and their Timeline.

As built:
- Loudness in numpy (loudness.py, pure): a BS.1770 meter (within 0.1 LU of ffmpeg's ebur128,
  which stays as the tests' reference), a 4:1 speech compressor, one gain for the episode, a
  look-ahead limiter at -3.1 dBFS. Cheaper than ffmpeg passes and computable per chunk.
- The MP3 is encoded in chunks (timeline.Layout plans them, encode runs them, mp3frames is the
  arithmetic): chunks meet in pauses at multiples of the MP3 frame, each chunk's levelled audio
  is encoded once and cached by its hash and the gain, the frames are joined, ffmpeg copies them
  into the tagged file, and we write the LAME tag's delay and padding. A rebuild keeps the
  previous gain when within 0.25 LU, so an edited sentence re-encodes one chunk. M4A/M4B and
  Opus come from the same levelled PCM.
"""
