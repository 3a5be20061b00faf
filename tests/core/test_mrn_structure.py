"""R3004 in full: the MRN of an amendment, position by position (year n2, country a2, unique
identifier an11, trader interface CL748, procedure CL734, check character), as the agent reads
it in English and French, through the validator and through `ics2desk validate --json`."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ics2desk import samples
from ics2desk.amend import make_amendment
from ics2desk.checkdigits import iso6346_check, make_mrn, mrn_problem
from ics2desk.codelists import codes
from ics2desk.validate import validate_document
from ics2desk.xml.writer import to_bytes

GOOD = make_mrn(26, "FR", "A1B2C3D4E5F")  # 26 FR A1B2C3D4E5F C T + check


def with_check(body17: str) -> str:
    """A 17-character body with its right check character: only the position under test is wrong
    (a character ISO 6346 cannot weigh gets '0': the check is not reached then)."""
    try:
        return body17 + iso6346_check(body17)
    except KeyError:
        return body17 + "0"


def r3004(mrn: str, lang: str = "en", filing=None) -> list[str]:
    report = validate_document(make_amendment(filing or samples.ferry_filing(), mrn))
    found = [f for f in report.errors if f.rule == "R3004"]
    assert all(f.path == f"/{report.message_id}/MRN" for f in found)
    return [f.message(lang) for f in found]


def test_a_well_formed_mrn_passes_and_make_mrn_builds_only_those():
    assert r3004(GOOD) == []
    assert (GOOD[15], GOOD[16]) == ("C", "T") and mrn_problem(GOOD) is None


@pytest.mark.parametrize("interface", sorted(codes("CL748")))
@pytest.mark.parametrize("procedure", sorted(codes("CL734")))
def test_every_cl748_and_cl734_letter_is_accepted(interface, procedure):
    assert (sorted(codes("CL748")), sorted(codes("CL734"))) == (["A", "B", "C"], ["T", "Z"])
    assert r3004(make_mrn(26, "FR", "00000000042", interface=interface, procedure=procedure)) == []


def test_year_must_be_two_digits():
    (en,) = r3004(with_check("2XFR" + GOOD[4:17]))
    assert "characters 1-2 must be the last two digits of the year of registration, not '2X'" in en
    (fr,) = r3004(with_check("2XFR" + GOOD[4:17]), "fr")
    assert "les caractères 1-2 doivent être les deux derniers chiffres de l'année d'enregistrement" in fr


def test_country_must_be_two_letters_and_an_ics2_member_state():
    (en,) = r3004(with_check("26F1" + GOOD[4:17]))
    assert "characters 3-4 must be the country the ENS was addressed to (2 letters), not 'F1'" in en
    (en,) = r3004(make_mrn(26, "GB", "A1B2C3D4E5F"))
    assert "GB is not an ICS2 Member State" in en
    (fr,) = r3004(make_mrn(26, "GB", "A1B2C3D4E5F"), "fr")
    assert "GB n'est pas un État membre ICS2" in fr


def test_unique_identifier_is_eleven_capital_letters_or_digits():
    (en,) = r3004(with_check(GOOD[:4] + "A1B2C3-4E5F" + GOOD[15:17]))
    assert "characters 5-15 must be the unique identifier (11 capital letters or digits), not 'A1B2C3-4E5F'" in en
    (fr,) = r3004(with_check(GOOD[:4] + "a1b2c3d4e5f" + GOOD[15:17]), "fr")
    assert "les caractères 5-15 doivent être l'identifiant unique" in fr


def test_position_16_is_the_trader_interface_cl748():
    (en,) = r3004(with_check(GOOD[:15] + "D" + GOOD[16]))
    assert "character 16 must be the trader interface identifier (CL748: A, B or C), not 'D'" in en
    (fr,) = r3004(with_check(GOOD[:15] + "D" + GOOD[16]), "fr")
    assert "le caractère 16 doit être l'identifiant de l'interface opérateur (CL748 : A, B ou C), pas 'D'" in fr


def test_position_17_is_the_procedure_cl734():
    (en,) = r3004(with_check(GOOD[:16] + "X"))
    assert "character 17 must be the procedure identifier (CL734: T or Z), not 'X'" in en
    (fr,) = r3004(with_check(GOOD[:16] + "X"), "fr")
    assert "le caractère 17 doit être l'identifiant de la procédure (CL734 : T ou Z), pas 'X'" in fr


def test_check_character_is_iso_6346_over_the_first_17():
    wrong = GOOD[:17] + str((int(GOOD[17]) + 1) % 10)
    (en,) = r3004(wrong)
    assert f"check character (18th) is {wrong[17]}, expected {GOOD[17]}" in en
    (fr,) = r3004(wrong, "fr")
    assert f"le caractère de contrôle (18e) est {wrong[17]}, attendu {GOOD[17]}" in fr


def test_length_and_several_wrong_positions_in_one_finding():
    (en,) = r3004(GOOD[:17])
    assert "an MRN has 18 characters, this one has 17" in en
    (en,) = r3004(with_check(GOOD[:15] + "DX"))
    assert "character 16" in en and "character 17" in en  # both said at once, one finding


def test_rail_amendment_ie3a51_is_held_to_the_same_rule():
    (en,) = r3004(with_check(GOOD[:15] + "CX"), filing=samples.rail_filing())
    assert en.startswith("MRN '") and "character 17" in en


def test_the_mrn_is_one_that_customs_could_have_issued_else_no_barcode():
    """mrn_problem is what printing, the store (IE3R01) and the simulator rely on: the full rule."""
    assert mrn_problem(with_check(GOOD[:15] + "D" + GOOD[16])) is not None
    assert mrn_problem(with_check(GOOD[:16] + "X")) is not None


def test_make_mrn_refuses_what_cannot_be_an_mrn():
    with pytest.raises(ValueError):
        make_mrn(26, "FR", "TWELVECHARS12")
    with pytest.raises(ValueError):
        make_mrn(26, "F", "1")


def test_validate_json_reports_position_16_and_17(tmp_path):
    bad = tmp_path / "amend-D-X.xml"
    bad.write_bytes(to_bytes(make_amendment(samples.ferry_filing(), with_check(GOOD[:15] + "DX"))))
    good = tmp_path / "amend-ok.xml"
    good.write_bytes(to_bytes(make_amendment(samples.ferry_filing(), GOOD)))
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", "validate", "--json", str(good), str(bad)],
                         capture_output=True, text=True)
    assert res.returncode == 1, res.stderr
    ok, out = json.loads(res.stdout)
    assert ok["valid"] and ok["errors"] == []
    assert not out["valid"] and [(e["rule"], e["path"]) for e in out["errors"]] == [("R3004", "/IE3A50/MRN")]
    assert "character 16" in out["errors"][0]["message"] and "character 17" in out["errors"][0]["message"]


def test_the_simulator_issues_mrns_that_follow_the_whole_rule():
    """Every MRN the built-in ICS2 simulator gives keeps an amendment of that ENS valid."""
    from ics2desk.replies import parse_reply
    from ics2desk.simulator.engine import Ics2Simulator

    sim = Ics2Simulator()
    for filing in (samples.ferry_filing("SIMR3004A"), samples.rail_filing("SIMR3004B")):
        _, (r01,) = sim.receive(to_bytes(filing))
        mrn = parse_reply(r01).mrn
        assert mrn_problem(mrn) is None and mrn[15] in codes("CL748") and mrn[16] in codes("CL734")
        assert r3004(mrn, filing=filing) == []
