"""Store: where things live on disk, shared by every stage.

The clip cache and its pruning, the output folder (atomic publish, locks), cache and voice
paths, episode folder names (slug), versions and code digests for cache keys. Imports nothing
from the stages.
"""
