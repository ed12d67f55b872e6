"""Engines turn one spoken-form sentence into a Clip. See base.Engine and registry.open_engine."""
