"""Untrusted XML: no entity expansion, no DTD, no network, clear errors."""
import pytest

from ics2desk.cli import validate_files
from ics2desk.errors import BadInputError
from ics2desk.xml.safe import parse_bytes

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE IE3F50 [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<IE3F50 xmlns="urn:wco:datamodel:WCO:CIS:1"><LRN>&x;</LRN></IE3F50>"""

BILLION = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><IE3F50><LRN>&c;</LRN></IE3F50>"""

REMOTE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE IE3F50 SYSTEM "http://127.0.0.1:9/evil.dtd"><IE3F50/>"""


@pytest.mark.parametrize("payload", [XXE, BILLION, REMOTE_DTD], ids=["xxe", "billion-laughs", "remote-dtd"])
def test_documents_with_a_dtd_are_refused_without_resolving_anything(payload):
    with pytest.raises(BadInputError) as err:
        parse_bytes(payload, "upload.xml")
    assert "upload.xml" in str(err.value)
    assert "root:" not in str(err.value)  # /etc/passwd was not read


def test_cli_reports_hostile_and_broken_files_with_exit_code_2(tmp_path, capsys):
    bad = tmp_path / "xxe.xml"
    bad.write_bytes(XXE)
    missing = tmp_path / "nope.xml"
    assert validate_files([str(bad), str(missing)], as_json=False, lang="en") == 2
    out = capsys.readouterr().out
    assert "xxe.xml" in out and "DTD" in out and "nope.xml: cannot read" in out
