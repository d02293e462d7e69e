"""Relevance judgements (qrels) derived at eval time from labels and stored creator data.

Cases store judging *rules*, not lists of handles, so the same case judges any corpus
the generator produces (any size, any seed). A creator earns a grade only when it also
meets every hard constraint of the brief; otherwise it is 0, because a shortlist that
breaks a stated constraint is wrong however on-topic it is.
"""

from __future__ import annotations

from typing import Mapping

from evals.cases import RealCase, RetrievalCase
from evals.labels import CreatorLabel
from evals.metrics import constraint_violations
from retrieval.schema import Creator

# Source labels in the real Instagram data with stray spellings (seen in the file).
_REAL_CATEGORY_ALIASES = {"fasion": "fashion", "fashion 0.5": "fashion"}


def topical_grade(case: RetrievalCase, label: CreatorLabel) -> int:
    """2 for the brief's niche (or its named subtopics), 1 for related niches, else 0."""
    niche = label.niche
    if niche is None:
        return 0
    if niche in case.relevant:
        wanted = case.relevant_subtopics.get(niche)
        if wanted and label.subtopic not in wanted:
            return 0 if case.facet_strict else 1
        return case.relevant[niche]
    if case.facet_strict:
        # "vegan food" names its facet: döner (local food) or general healthy eating is a
        # near miss, not a partial answer (issue 8).
        return 0
    if niche in case.partial:
        return case.partial[niche]
    # The generator records which niches a creator's content also touches.
    if any(n in case.relevant for n in label.related_niches):
        return 1
    return 0


def label_violations(case: RetrievalCase, label: CreatorLabel) -> list[str]:
    """Constraints only the ground truth can decide: planted safety issues, fraud, activity."""
    out: list[str] = []
    unsafe = label.safety_categories & {t.lower() for t in case.constraints.exclude_topics}
    if unsafe:
        out.append(f"brand-safety {sorted(unsafe)}")
    brands = label.brand_set & {b.lower() for b in case.constraints.exclude_brands}
    if brands:
        out.append(f"promoted {sorted(brands)}")
    if case.judging.exclude_fraud and label.is_fraud:
        out.append(f"fraud {sorted(label.fraud_kinds)}")
    if case.judging.exclude_inactive and label.inactive:
        out.append("inactive")
    return out


def demo_qrels(case: RetrievalCase, creators: Mapping[str, Creator], labels: Mapping[str, CreatorLabel]) -> dict[str, int]:
    """Positive grades only (absent keys are 0), as in BEIR's qrels files."""
    qrels: dict[str, int] = {}
    for key, label in labels.items():
        grade = topical_grade(case, label)
        if grade <= 0:
            continue
        creator = creators.get(key)
        if creator is None:
            continue
        if constraint_violations(creator, case.constraints) or label_violations(case, label):
            continue
        qrels[key] = grade
    return qrels


def real_category(creator: Creator) -> str | None:
    if not creator.categories:
        return None
    raw = creator.categories[0].strip().lower()
    return _REAL_CATEGORY_ALIASES.get(raw, raw)


def real_qrels(case: RealCase, creators: Mapping[str, Creator], categories: Mapping[str, str | None]) -> dict[str, int]:
    """Binary grades: the source's category label is one the brief names, and the
    numeric constraints hold. `categories` is kept apart from `creators` because the
    copy handed to systems has its labels removed."""
    wanted = {c.lower() for c in case.categories}
    return {
        key: 1
        for key, creator in creators.items()
        if categories.get(key) in wanted and not constraint_violations(creator, case.constraints)
    }
