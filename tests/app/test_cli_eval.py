"""`castlist eval --suite`: one suite can run alone, and the default is every suite."""

from __future__ import annotations

from pathlib import Path

from app.cli import build_parser
from evals.runner import SUITES, EvalConfig


def test_eval_suite_flag_selects_suites(tmp_path: Path) -> None:
    args = build_parser().parse_args(["eval", "--suite", "fine", "--suite", "demo_v2"])
    assert args.suite == ["fine", "demo_v2"]
    config = EvalConfig.from_cli("quick", tmp_path, suites=args.suite)
    assert config.suites == ["fine", "demo_v2"]
    default = EvalConfig.from_cli("quick", tmp_path, suites=build_parser().parse_args(["eval"]).suite)
    assert tuple(default.suites) == SUITES
