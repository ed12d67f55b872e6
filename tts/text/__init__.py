"""Text: input bytes -> a Script of sentences ready to speak.

In: a path, URL or stdin (inputs), its bytes parsed into an Article (parse/), split into
sentences (segment), each given its spoken form (normalize/, cached in spoken_cache), with
chapters planned (chapters). Out: ``tts.text.prepare.Script``. Imports only tts.types,
tts.errors and tts.store.
"""
