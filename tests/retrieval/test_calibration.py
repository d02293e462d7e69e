"""Where the on-topic bars come from: a data dir's own calibration wins, else the packaged one."""

from __future__ import annotations

import pytest

from retrieval.calibration import DATA_DIR_FILE, TopicCalibration, load_calibration, save_calibration


def test_data_dir_calibration_wins_for_its_model(tmp_path):
    own = TopicCalibration(model="all-MiniLM-L6-v2", post_threshold=0.5, profile_threshold=0.6, profile_floor=0.1)
    save_calibration(own, tmp_path / DATA_DIR_FILE)
    assert load_calibration("all-MiniLM-L6-v2", tmp_path).post_threshold == 0.5
    packaged = load_calibration("all-MiniLM-L6-v2")
    assert packaged.post_threshold != 0.5 and packaged.sources


def test_a_data_dir_calibration_of_another_model_is_ignored(tmp_path):
    other = TopicCalibration(model="some-other-model", post_threshold=0.5, profile_threshold=0.6, profile_floor=0.1)
    save_calibration(other, tmp_path / DATA_DIR_FILE)
    assert load_calibration("all-MiniLM-L6-v2", tmp_path).model == "all-MiniLM-L6-v2"


def test_a_model_without_calibration_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="castlist calibrate"):
        load_calibration("no-such-model", tmp_path)
