"""Store: where things live on disk, shared by every stage.

Verified cache entries, the clip cache and the pruning of caches, the output folder (atomic
publish, locks), cache and voice paths, episode folder names (slug), versions and code digests
for cache keys, reading a user's file with a size limit (files), and the one way to read from
the network (net: HTTP with a deadline over the whole exchange). Imports nothing from the stages.

As built:
- Every cache but the models is made of one kind of entry (entries.py): one file, a header
  with the kind's magic, the payload's length and its SHA-256 taken when written, checked in
  full when read. Clips, spoken forms, loudness profiles and encoded MP3 chunks all use it, so
  any damage (empty, truncated, garbage, a valid array of wrong numbers, a folder in the
  entry's place) is one miss: removed with a one-line warning and made again, never played.
  The clip format was already this layout, so clips cached before still read.
- A cache that cannot be written (full, read-only) costs the build its caching only: the work
  is kept in hand or done again, and one warning says so.
- A clip's key includes a digest of the code between the engine and the clip (voice/clips.py,
  the engine's wrapper; for Silero only its speaking half), so a changed trim never reuses
  old clips.
- The output folder (outdir.py) holds what is published; the tool's own state (locks, the
  feed's state and backups, work and swap folders) lives in its `.tts/`, where an older
  version's state files are moved at the next start. A build works in `.tts/tmp-<slug>-*`
  and swaps it in through `.tts/old-<slug>-*`; every command that builds into or reads the
  folder first recovers what a build killed with -9 left (recover_all). Locks that are
  symbolic links or cannot be opened fail in one line; the library page is rewritten under
  the folder's own lock.
- Caches are pruned by last use (prune.py, `tts cache prune`): a file's access time or its
  write time; models are never pruned, and nothing used in the last 10 minutes is removed.
  Pruning checks every entry as a build would (without touching its access time) and removes
  the damaged ones whatever their age; an entry it cannot delete is reported in one line.
"""
