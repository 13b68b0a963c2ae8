"""The database file a build writes: replaced only when the build completes, and never a file
that is not a database."""

import pytest
import sqlite_utils

from ingest import target_file
from ingest.errors import BuildError


def test_the_target_is_replaced_only_when_the_build_completes(tmp_path):
    target = tmp_path / "c.db"
    sqlite_utils.Database(target)["kept"].insert({"a": 1})
    before = target.read_bytes()
    with target_file.build_lock(target) as temporary:
        with pytest.raises(RuntimeError), target_file.replaced_when_complete(temporary, target):
            sqlite_utils.Database(temporary)["new"].insert({"b": 2})
            raise RuntimeError("the build failed")
        assert not temporary.exists() and target.read_bytes() == before
        with target_file.replaced_when_complete(temporary, target):
            sqlite_utils.Database(temporary)["new"].insert({"b": 2})
    assert sqlite_utils.Database(target).table_names() == ["new"]


def test_a_target_that_is_a_folder_or_no_database_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("my notes")
    for target, problem in [(tmp_path / "notes.txt", "is not an SQLite"), (tmp_path, "folder")]:
        with pytest.raises(BuildError, match=problem), target_file.build_lock(target):
            pass
    assert (tmp_path / "notes.txt").read_text() == "my notes"
