"""The shortlist graph: parse -> retrieve -> (vet -> select -> explain)* -> end.

The loop vets candidates in batches, best retrieval score first; explain streams each
creator as soon as selection has settled it and sends the graph back to vetting until
the whole list is settled.
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph

from agents.context import AgentContext
from agents.nodes.explain import after_explain, explain_node
from agents.nodes.parse import parse_node
from agents.nodes.retrieve import retrieve_node
from agents.nodes.select import select_node
from agents.nodes.vet import vet_node
from agents.state import ShortlistInput, ShortlistOutput, ShortlistState


def build_graph(checkpointer: BaseCheckpointSaver | None = None):
    """Compile once at start-up; the checkpointer keeps chat threads."""
    builder = StateGraph(ShortlistState, context_schema=AgentContext,
                         input_schema=ShortlistInput, output_schema=ShortlistOutput)
    builder.add_node("parse", parse_node)
    builder.add_node("retrieve", retrieve_node)
    builder.add_node("vet", vet_node)
    builder.add_node("select", select_node)
    builder.add_node("explain", explain_node)
    builder.add_edge(START, "parse")
    builder.add_edge("parse", "retrieve")
    builder.add_edge("retrieve", "vet")
    builder.add_edge("vet", "select")
    builder.add_edge("select", "explain")
    builder.add_conditional_edges("explain", after_explain, ["vet", END])
    return builder.compile(checkpointer=checkpointer)
