"""Events and claims from Arabic text (issue 16), with evidence in the original words.

Modules, in the order a document goes through them:

- :mod:`~orbat.extract.arabic.text`: normalised tokens, sentences, clauses, phrase matching
  with clitics, offsets back to the original text.
- :mod:`~orbat.extract.arabic.lexicon`: the cue lexicon ``extract/lexicon/arabic_cues.toml``.
- :mod:`~orbat.extract.arabic.names`: the pack's Arabic actor aliases and the gazetteer's
  Arabic place names.
- :mod:`~orbat.extract.arabic.facts`: dates and death tolls.
- :mod:`~orbat.extract.arabic.roles`: who did what to whom.
- :mod:`~orbat.extract.arabic.events`: ACLED-coded event records.
- :mod:`~orbat.extract.arabic.claims`: claims of responsibility and denials.
- :mod:`~orbat.extract.arabic.extractor`: the extractor the analysis stage hands Arabic
  articles to.
"""
