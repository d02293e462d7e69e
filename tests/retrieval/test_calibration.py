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


def test_briefs_not_in_english_use_the_other_language_bars_when_measured():
    from retrieval.calibration import LanguageBars

    cal = TopicCalibration(model="m", post_threshold=0.6, profile_threshold=0.85, profile_floor=0.7,
                           other_languages=LanguageBars(languages=["de", "es", "fr"], post_threshold=0.7,
                                                        profile_threshold=0.88))
    assert cal.for_language(None) is cal and cal.for_language("en") is cal
    german = cal.for_language("de")
    assert (german.post_threshold, german.profile_threshold, german.profile_floor) == (0.7, 0.88, 0.7)
    without = cal.model_copy(update={"other_languages": None})
    assert without.for_language("es") is without
