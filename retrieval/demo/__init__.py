"""Demo corpus generator (`castlist demo-data`, DESIGN 5.2 and 7).

    from retrieval.demo import generate, write_demo_corpus
    summary = write_demo_corpus(Path("demo.jsonl"), creators=20000, seed=7)
"""

from retrieval.demo.generator import generate
from retrieval.demo.labels import DemoLabel
from retrieval.demo.timeline import NOW
from retrieval.demo.writer import DemoCorpusSummary, labels_path_for, write_demo_corpus

__all__ = ["NOW", "DemoCorpusSummary", "DemoLabel", "generate", "labels_path_for", "write_demo_corpus"]
