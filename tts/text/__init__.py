"""Text: input bytes -> a Script of sentences ready to speak.

In: a path, URL or stdin (inputs), its bytes parsed into an Article (parse/), split into
sentences (segment; over-long ones cut at clauses), each given its spoken form (normalize/,
cached in spoken_cache), with chapters planned (chapters). Out: ``tts.text.prepare.Script``.
Imports only the shared base (tts.types, tts.errors, tts.store).

As built:
- normalize/ is classes, one context, verbalizers: each class (classes/) claims the spans it
  reads (dates, times, money, measures, ordinals, cardinals, abbreviations, acronyms, Latin,
  web, legal references, symbols); context.py is the one place that decides a number's case,
  gender and animacy from the words around it; numbers.py and spelling.py say it. Every change
  carries its class and reason (`tts normalize --explain`).
- Spoken forms are cached per sentence (spoken_cache, keyed by the sentence, the lexicon files'
  bytes, stress, the normalizer's source and its libraries' versions): an edited article
  normalizes only its new sentences.
- Decoding (parse/decode.py) follows ordered rules of validity: a BOM, binary signatures,
  UTF-16 without a BOM, NUL/control bytes, UTF-8 (a character cut off at the end dropped),
  then a legacy Cyrillic encoding; never UTF-16 by guess.
- Nesting never costs text: HTML parses with huge_tree (2048 levels) and a page deeper still
  is flattened (parse/flatten.py) and parsed again; Markdown's container markers past the 16th
  are dropped. A warning is logged only if something is lost all the same.
"""

from pathlib import Path

# Written for the project, in Russian, news-like (numbers, dates, acronyms, a quotation, two
# sections): what `make demo` and the `--help` examples build, on a machine with only the clone.
SAMPLE_ARTICLE = Path(__file__).with_name("sample.md")
