"""Store: where things live on disk, shared by every stage.

The clip cache and its pruning, the output folder (atomic publish, locks), cache and voice
paths, episode folder names (slug), versions and code digests for cache keys. Imports nothing
from the stages.

As built:
- Cache entries are checksummed (magic, sample rate, length, SHA-256 of the PCM): a damaged
  entry is removed and re-synthesized, never played. A clip's key includes a digest of the code
  between the engine and the clip (voice/clips.py, the engine's wrapper; for Silero only its
  speaking half), so a changed trim never reuses old clips.
- The output folder (outdir.py): a build works in `.tmp-<slug>-*` and swaps it in through
  `.old-<slug>-*`; every command that builds into or reads the folder first recovers what a
  build killed with -9 left (recover_all). Locks that are symbolic links or cannot be opened
  fail in one line; the library page is rewritten under the folder's own lock.
- Caches are pruned by last use (prune.py, `tts cache prune`): a file's access time or its
  write time; models are never pruned, and nothing used in the last 10 minutes is removed.
"""
