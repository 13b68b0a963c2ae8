"""Tables derived from the packages' data, kept between runs in the user's cache folder."""

import importlib.metadata
import time

import pytest

from ingest import disk_cache


@pytest.fixture
def made(monkeypatch, tmp_path):
    """A table kept between runs, in a cache folder of its own, and the times it was made."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    times = []

    @disk_cache.kept_between_runs("sqlite-utils")
    def cities_by_name():
        times.append(1)
        return {"Danzig": ("Gdańsk", 461_935), "Brest": ("Brest", 340_141)}

    return cities_by_name, times


def test_a_table_is_made_once_and_read_back_by_later_runs(made, tmp_path):
    cities_by_name, times = made
    first = cities_by_name()
    cities_by_name.cache_clear()  # as a new process would
    assert cities_by_name() == first and len(times) == 1
    assert [p.name.split("-")[0] for p in (tmp_path / "cache" / "corpus-ingest").iterdir()] == [
        "cities_by_name"
    ]


def test_a_damaged_table_is_made_again_and_replaced(made, tmp_path):
    cities_by_name, times = made
    first = cities_by_name()
    (stored,) = (tmp_path / "cache" / "corpus-ingest").iterdir()
    stored.write_bytes(stored.read_bytes()[:20])
    cities_by_name.cache_clear()
    assert cities_by_name() == first and len(times) == 2
    cities_by_name.cache_clear()
    assert cities_by_name() == first and len(times) == 2


def test_a_new_version_of_the_data_makes_the_table_again_and_the_least_used_go(
    made, tmp_path, monkeypatch
):
    cities_by_name, times = made
    folder = tmp_path / "cache" / "corpus-ingest"
    real = importlib.metadata.version
    file_of = {}
    for version in ["1", "2", "1", "3", "4", "5"]:
        monkeypatch.setattr(
            importlib.metadata,
            "version",
            lambda name, v=version: v if name == "sqlite-utils" else real(name),
        )
        before = {path.name for path in folder.glob("*")}
        cities_by_name.cache_clear()
        cities_by_name()
        for name in {path.name for path in folder.iterdir()} - before:
            file_of[version] = name
        time.sleep(0.01)  # each use later than the one before, by the files' clock
    assert len(times) == 5  # version 1 read back the second time
    # 2 was used least lately: version 1 again after it
    assert disk_cache.KEPT_VERSIONS == 4
    assert {path.name for path in folder.iterdir()} == {file_of[v] for v in "1345"}


def test_a_cache_folder_that_cannot_be_written_only_makes_the_table_each_run(
    made, tmp_path, monkeypatch
):
    cities_by_name, times = made
    (tmp_path / "not_a_folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not_a_folder"))
    for _ in range(2):
        cities_by_name.cache_clear()
        assert cities_by_name()["Danzig"] == ("Gdańsk", 461_935)
    assert len(times) == 2


def test_a_run_stopped_while_writing_the_table_leaves_no_file_behind(made, tmp_path, monkeypatch):
    cities_by_name, _ = made

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(disk_cache.pickle, "dump", stopped)
    with pytest.raises(KeyboardInterrupt):
        cities_by_name()
    assert list((tmp_path / "cache" / "corpus-ingest").iterdir()) == []


def test_a_user_with_no_home_folder_gets_the_table_and_no_folder_where_the_build_runs(
    made, tmp_path, monkeypatch
):
    cities_by_name, times = made
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # no cache folder by XDG's rules
    monkeypatch.setattr(disk_cache.os.path, "expanduser", lambda path: path)  # `~` unknown
    for _ in range(2):
        cities_by_name.cache_clear()
        assert cities_by_name()["Brest"] == ("Brest", 340_141)
    assert len(times) == 2 and sorted(path.name for path in tmp_path.iterdir()) == []
