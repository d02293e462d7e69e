"""Cheap, pure signal helpers used by `retrieval.features.compute_features` (DESIGN 6).

Each module is small and free of heavy dependencies so features cost microseconds per
creator at ingest: tiers, engagement, cadence/activity, sponsorship and disclosure,
comment quality, growth, pricing, language and the brand-safety lexicon.
"""
