"""Code lists: shipped lists complete where public, the office's own additions kept."""
import pytest

from ics2desk import codelists
from ics2desk.errors import BadInputError


def test_shipped_lists_cover_the_channel():
    assert {"FR620001", "FR590002"} <= codelists.codes("CL141")
    assert {"FRCQF", "FRCQS", "FRDKK", "GBDVR", "GBFOL"} <= codelists.codes("CL244")
    assert {"FR", "GB", "XI", "IE", "BE", "NL"} <= codelists.codes("CL718")
    assert {"PX", "CT", "VR"} <= codelists.codes("CL017")
    assert "XI" in codelists.eu_member_states() and "GB" not in codelists.eu_member_states()
    assert codelists.description("CL718", "FR", "fr") == "France"


def test_the_office_can_add_a_customs_office(data_dir):
    codelists.entries.cache_clear(); codelists.codes.cache_clear()
    codelists.add_customs_office("fr620010", "Boulogne-sur-Mer port")
    assert "FR620010" in codelists.codes("CL141")
    assert "FR620001" in codelists.codes("CL141")  # shipped ones stay
    assert (data_dir / "codelists" / "customs_offices.json").exists()
    with pytest.raises(BadInputError, match="FR620001"):
        codelists.add_customs_office("Calais", "no code")
    codelists.entries.cache_clear(); codelists.codes.cache_clear()


def test_hti_code_lists_read_in_french():
    assert codelists.description("CL018", "1", "fr") == "Transport maritime"
    assert codelists.description("CL723", "94", "fr") == "LRN en double"
    assert codelists.description("CL717", "DE", "fr") == "Allemagne"
    # a value without French wording falls back to the English, never to nothing
    assert codelists.description("CL751", "396", "fr") == codelists.description("CL751", "396", "en") != ""
