"""The shortlist graph, with its decisions as conditional edges:

parse -> prefer -> retrieve -> (vet -> select -> explain)* -> (polish) -> end
                      ^                   |
                      +------ relax <-----+  short of the count with a preference left

The vet/select/explain loop vets candidates in batches, best retrieval score first;
explain streams each creator as soon as selection has settled it and sends the graph
back to vetting until the whole list is settled. When selection settles short of the
count while a preference (a soft constraint) is still applied as a filter, relax drops
one and the graph searches again (agents/nodes/relax.py); musts are never relaxed.
With an LLM configured, polish rewrites the explanations as checked prose.
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph

from agents.context import AgentContext
from agents.nodes.explain import explain_node
from agents.nodes.parse import parse_node
from agents.nodes.polish import DONE, LLM, NOT_SETTLED, after_explain, polish_node
from agents.nodes.relax import OTHERWISE, SHORT, after_select, prefer_node, relax_node
from agents.nodes.retrieve import retrieve_node
from agents.nodes.select import select_node
from agents.nodes.vet import vet_node
from agents.state import ShortlistInput, ShortlistOutput, ShortlistState


def build_graph(checkpointer: BaseCheckpointSaver | None = None):
    """Compile once at start-up; the checkpointer keeps chat threads."""
    builder = StateGraph(ShortlistState, context_schema=AgentContext,
                         input_schema=ShortlistInput, output_schema=ShortlistOutput)
    builder.add_node("parse", parse_node)
    builder.add_node("prefer", prefer_node)
    builder.add_node("retrieve", retrieve_node)
    builder.add_node("vet", vet_node)
    builder.add_node("select", select_node)
    builder.add_node("relax", relax_node)
    builder.add_node("explain", explain_node)
    builder.add_node("polish", polish_node)
    builder.add_edge(START, "parse")
    builder.add_edge("parse", "prefer")
    builder.add_edge("prefer", "retrieve")
    builder.add_edge("retrieve", "vet")
    builder.add_edge("vet", "select")
    builder.add_conditional_edges("select", after_select, {SHORT: "relax", OTHERWISE: "explain"})
    builder.add_edge("relax", "retrieve")
    builder.add_conditional_edges("explain", after_explain, {NOT_SETTLED: "vet", LLM: "polish", DONE: END})
    builder.add_edge("polish", END)
    return builder.compile(checkpointer=checkpointer)
