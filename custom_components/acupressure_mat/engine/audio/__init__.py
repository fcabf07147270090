"""Guidance audio, generated: a breathing pacer, a meditation bed and bells, encoded as MP3."""
