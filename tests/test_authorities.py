"""The authority register and name resolution."""

from __future__ import annotations

import pytest

from safeguarding_kg import authorities
from safeguarding_kg.namespaces import SG


@pytest.mark.parametrize(
    ("written", "gss"),
    [
        # every form the sample corpus uses
        ("Metropolitan Borough of Solihull", "E08000029"),
        ("Solihull Metropolitan Borough Council", "E08000029"),
        ("Solihull", "E08000029"),
        ("the Solihull", "E08000029"),
        ("City of Wolverhampton", "E08000031"),
        ("the City of Wolverhampton", "E08000031"),
        ("Wolverhampton", "E08000031"),
        ("City of Wolverhampton Council", "E08000031"),
        # forms other documents use
        ("the London Borough of Hackney", "E09000012"),
        ("Royal Borough of Kensington and Chelsea", "E09000020"),
        ("Kingston upon Hull City Council", "E06000010"),
        ("Hull", "E06000010"),
        ("Bristol City Council", "E06000023"),
        ("St. Helens Council", "E08000013"),
        ("St Helens", "E08000013"),
        ("Blackburn with Darwen Borough Council", "E06000008"),
        ("Brighton & Hove City Council", "E06000043"),
        ("Essex County Council", "E10000012"),
        ("BCP", "E06000058"),
    ],
)
def test_names_as_documents_write_them_resolve_to_one_authority(written: str, gss: str) -> None:
    found = authorities.resolve(written)
    assert found is not None, written
    assert found.gss_code == gss


def test_unknown_names_do_not_resolve() -> None:
    assert authorities.resolve("Borsetshire County Council") is None
    assert authorities.resolve("Council") is None


def test_register_holds_every_authority_with_codes_and_neighbours() -> None:
    register = authorities.register()
    assert len(register) == 156
    solihull = register["E08000029"]
    assert (solihull.ofsted_urn, solihull.dfe_code, solihull.region) == ("80554", "334", "West Midlands")
    assert len(solihull.statistical_neighbours) == 10
    assert all(n in register for n in solihull.statistical_neighbours)


def test_barnsley_is_found_by_both_of_its_codes() -> None:
    assert authorities.by_gss("E08000038") is authorities.by_gss("E08000016")
    assert authorities.by_gss("E08000016").name == "Barnsley"
    assert authorities.register()["E08000038"].former_gss_codes == ("E08000016",)


def test_find_in_text_takes_the_first_authority_named() -> None:
    text = "the recent unannounced inspection … within Solihull Metropolitan Borough Council which was conducted"
    assert authorities.find_in_text(text).gss_code == "E08000029"
    assert authorities.find_in_text("nothing here names a council") is None


def test_register_quads_describe_each_authority() -> None:
    quads = list(authorities.register_quads())
    solihull = authorities.register()["E08000029"].iri
    about = {(q.predicate, q.object.value) for q in quads if q.subject == solihull}
    assert (SG.gssCode, "E08000029") in about
    assert (SG.region, "West Midlands") in about
    assert sum(1 for q in quads if q.predicate == SG.statisticalNeighbour and q.subject == solihull) == 10
