"""Voice: spoken sentences -> audio clips.

In: a Script's spoken forms and a voice preset (presets; voices/*.toml). The engines (engines/:
eSpeak NG, Silero, the test tone) speak them; synth renders the missing clips in worker
processes into the clip cache, trimming edge silence and cutting text longer than the engine's
``max_chars`` at clause boundaries (tts.text.clauses); the Silero catalogue and its download
live here too. Out: one ``tts.types.Clip`` per sentence.

As built:
- Silero is loaded only when a clip is missing (DeferredSilero): clip keys and episode.json
  need the model's label and SHA-256, not the model, so a rebuild whose clips are all cached
  never imports torch. Loading verifies the file again right before its code runs.
- `tts batch` keeps each process's engine open (registry.KeptEngines): a model is verified,
  loaded and warmed up once per worker, and renewed after 960 calls.
- A clip depends only on its text and voice, never on what the process said before, so which
  worker makes it does not matter and a resumed build equals a clean one. eSpeak NG keeps state
  between calls that its API cannot reset, so each of its clips is made by a freshly loaded
  library (engines/espeak.py: about 3 ms a clip, a third more than before).
"""
