import pytest
import sqlite_utils

from ingest.cli import main
from ingest.curation import read_corrections
from ingest.errors import SourceError

TEXT = (
    "Litvinov spoke in Geneva in 1934.\n"
    "Maxim Litvinov and the Western Powers met Molotov.\n"
    "The Gestapo arrested them in Berlin.\n"
)


def entity_names(db_path):
    db = sqlite_utils.Database(db_path)
    return {
        row["text"]: (row["name"], row["type"])
        for row in db.query(
            "select mentions.text, entities.name, entities.type from mentions "
            "join entities on entities.id = mentions.entity_id"
        )
    }


def test_corrections_merge_rename_retype_and_ignore(write_sources, tmp_path):
    folder = write_sources(
        {
            "a.txt": TEXT,
            "entities.csv": "action,name,value\n"
            "merge,Litvinov,Maxim Litvinov\n"
            "rename,Maxim Litvinov,Maxim Maximovich Litvinov\n"
            "retype,Gestapo,ORG\n"
            "ignore,Western Powers,\n",
        }
    )
    db_path = tmp_path / "c.db"
    assert main([str(folder), "--db", str(db_path)]) == 0
    names = entity_names(db_path)
    assert names["Litvinov"] == names["Maxim Litvinov"] == ("Maxim Maximovich Litvinov", "PERSON")
    assert names["Gestapo"][1] == "ORG"
    assert "Western Powers" not in names


def test_a_correction_naming_no_entity_is_a_warning(write_sources, tmp_path, capsys):
    folder = write_sources(
        {"a.txt": TEXT, "entities.csv": "action,name,value\nretype,Nobody,ORG\n"}
    )
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 0
    assert "entities.csv, line 2: no entity is named 'Nobody'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        ("action,name,value\nexplode,Stalin,\n", "line 2: action must be one of"),
        ("action,name,value\nretype,Stalin,KING\n", "line 2: type must be one of"),
        ("action,name,value\nrename,Stalin,\n", "line 2: rename needs a name and a value"),
    ],
)
def test_a_bad_correction_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "entities.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        read_corrections(path)
