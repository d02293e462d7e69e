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


def test_eval_help_tells_an_evaluator_what_runs_and_what_the_exit_status_means(capsys) -> None:
    """User-eyes pass, round 2: `castlist eval --help` named its flags but not what a tier
    runs, where the report goes, which baseline gates, or what the exit status means."""
    import pytest

    from evals.gate import BASELINE_PATH
    from evals.runner import FULL_DEMO_CREATORS, QUICK_DEMO_CREATORS, QUICK_REAL_CREATORS

    with pytest.raises(SystemExit):
        build_parser().parse_args(["eval", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for suite in SUITES:
        assert f" {suite} " in text, suite  # every suite is explained in the list
    for size in (QUICK_DEMO_CREATORS, FULL_DEMO_CREATORS, QUICK_REAL_CREATORS):
        assert f"{size:,}" in text, size
    assert "reports/<tier>-<UTC time>" in text  # argparse may wrap after "eval-"
    assert f"{BASELINE_PATH.parent.name}/{BASELINE_PATH.name}" in text
    assert "exit status: 0 when the gate passes, 1 when a metric regressed" in text
    # Every flag has its own help text (--tier, --report-dir, --baseline, ... had none).
    parser = build_parser()
    eval_parser = parser._subparsers._group_actions[0].choices["eval"]  # noqa: SLF001 - argparse has no public way
    undocumented = [a.option_strings for a in eval_parser._actions if a.option_strings and not a.help]  # noqa: SLF001
    assert undocumented == [], undocumented
