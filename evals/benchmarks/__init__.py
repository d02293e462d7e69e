"""`castlist bench`: performance with a baseline measured in the same run.

Machines here are shared and noisy, so every figure stands next to its baseline (raw
embedding for ingest, qdrant-client local mode for queries, exact search for recall,
embedding + one index query for the agent) and ratios are what to compare.
"""
