"""Follow-up messages as edits: a typed `CriteriaPatch` applied to the thread's criteria."""
