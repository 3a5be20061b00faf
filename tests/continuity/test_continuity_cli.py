"""`ics2desk continuity ...` for the office: check and import a fiche, see the steps and the board."""
from __future__ import annotations

import json

from ics2desk import cli
from ics2desk.paths import resource_path


def test_check_import_show_versions(data_dir, tmp_path, capsys):
    shipped = resource_path("playbook", "fiche-reflexe-v1.json")
    assert cli.main(["continuity", "check", str(shipped)]) == 0
    assert "valid playbook fiche-reflexe version 1" in capsys.readouterr().out

    raw = json.loads(shipped.read_text(encoding="utf-8"))
    raw["version"] = "2"
    del raw["components"]["national_system"]["recovery"][0]["sources"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    assert cli.main(["continuity", "check", str(bad)]) == 1
    assert "'sources' is required" in capsys.readouterr().out
    assert cli.main(["continuity", "import", str(bad)]) == 2  # refused, nothing imported

    raw["components"]["national_system"]["recovery"][0]["sources"] = ["nl-2025-12-02"]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(raw), encoding="utf-8")
    assert cli.main(["continuity", "import", str(good)]) == 0
    capsys.readouterr()
    assert cli.main(["continuity", "versions"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("* 2")

    assert cli.main(["continuity", "show", "operator_system", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Ask national customs for permission to use the fallback." in out
    assert "[to confirm with the official fiche réflexe]" in out and "fr-ics2@douane.finances.gouv.fr" in out
    assert "Finnish Customs (Tulli)" in out

    exported = tmp_path / "next.json"
    assert cli.main(["continuity", "export", str(exported)]) == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["version"] == "2"
    assert cli.main(["continuity", "use", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["continuity", "status"]) == 0
    assert capsys.readouterr().out.count("up ") == 5
