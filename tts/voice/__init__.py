"""Voice: spoken sentences -> audio clips.

In: a Script's spoken forms and a voice preset (presets; voices/*.toml). The engines (engines/:
eSpeak NG, Silero, the test tone) speak them; long sentences are cut at clause boundaries
(clauses); synth renders the missing clips in worker processes into the clip cache; the
Silero catalogue and its download live here too. Out: one ``tts.types.Clip`` per sentence.
"""
