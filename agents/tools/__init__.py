"""Agent tools: vetting (`agents.tools.vetting`), scoring and selection.

Every tool is a plain, pure function over stored observable signals; none reads a data
set's ground-truth labels (DESIGN 2).
"""
