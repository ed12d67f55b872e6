"""Audio: clips -> audio files.

In: the clips and the sentences' pauses. timeline places them (in samples), and chapters cuts
long chapters of a text without headings by time; loudness levels the whole; encode writes the
MP3 in cached chunks (lame encodes them, mp3frames keeps them gapless); formats makes M4A/M4B
and Opus (opus encodes it in pieces, ogg joins them); peaks holds every decoded file within
-1 dBTP; picture puts the cover into each; ffmpeg runs ffmpeg. Out: the audio files and their
Timeline.

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
- True peak on the decoded file (peaks.py): the limiter's -3.1 dBFS sample ceiling leaves
  -2.3 dBTP, but low-bitrate codecs add noise that decoded up to -0.6 dBTP (MP3), +0.4 (Opus)
  and +3.5 (ffmpeg's default AAC coder, whose PNS fills bands with noise) on an hour of speech,
  in a few scattered blocks that no fixed headroom covers without limiting all the speech
  harder. So every lossy stream is decoded and metered by ebur128, 100 ms at a time; a block
  above -1.2 dBTP gets a dip (the excess plus a margin, ramped over 20 ms) and the stream is
  encoded again, until none is over. MP3 chunks are checked one by one before they are cached.
- Formats once, side by side: AAC (the "fast" coder: a fifth of the CPU, no PNS) and Opus are
  each encoded once into a bare stream while the MP3 chunks are encoded; the M4A and the M4B
  are that AAC stream copied with their own brand and tags. Opus, the slowest encoder, runs in
  pieces of about a minute cut in silences, two processes at a time, and a repair re-encodes
  one piece; the pieces' packets join into one Ogg stream that decodes exactly as they do.
"""
