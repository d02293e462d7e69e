"""One router per resource (DESIGN 3, rule 7)."""
