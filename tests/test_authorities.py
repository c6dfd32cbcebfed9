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


# -- every register row from every form Ofsted titles use ------------------------------------


def _forms(authority: authorities.Authority) -> set[str]:
    """Every name of a register row and the short forms the rules make from it, less the ones two
    authorities share (those name neither)."""
    names = {authority.name, *authority.other_names}
    forms = names | {f for n in names for f in authorities.short_forms(n)}
    shared = {f for f in forms for other in authorities.register().values()
              if other is not authority and f in {s for n in (other.name, *other.other_names)
                                                   for s in authorities.short_forms(n) | {n}}}
    return forms - shared


@pytest.mark.parametrize("gss", sorted(authorities.register()))
def test_every_authority_resolves_from_every_form_a_title_uses(gss: str) -> None:
    authority = authorities.register()[gss]
    for form in _forms(authority):
        for written in (form, f"{form} Council", f"{form} local authority children's services"):
            assert authorities.resolve(written) is authority, written
        title = f"Inspection of {form} local authority children's services"
        assert authorities.find_in_text(title) is authority, title


@pytest.mark.parametrize(("written", "gss"), [
    ("East Riding local authority", "E06000011"), ("East Riding of Yorkshire Council", "E06000011"),
    ("Bristol", "E06000023"), ("Herefordshire", "E06000019"), ("Durham", "E06000047"),
    ("Durham County Council", "E06000047"), ("Kingston", "E09000021"), ("Richmond", "E09000027"),
    ("Southend", "E06000033"), ("Southend-on-Sea Borough Council", "E06000033"), ("Telford", "E06000020"),
    ("Brighton", "E06000043"), ("Hull", "E06000010"), ("Hull City Council", "E06000010"), ("Medway", "E06000035"),
    ("Stoke", "E06000021"), ("Newcastle", "E08000021"), ("Blackburn", "E06000008"),
    ("Windsor and Maidenhead", "E06000040"), ("Bath and North East Somerset", "E06000022"),
])
def test_short_forms_ofsted_has_used(written: str, gss: str) -> None:
    assert authorities.resolve(written).gss_code == gss


def test_a_short_form_two_authorities_share_names_neither_unless_listed() -> None:
    # "Isle" is no short form of the Isle of Wight; "Kingston" is listed for Kingston upon Thames.
    assert authorities.resolve("Isle") is None
    kingstons = authorities.short_forms("Kingston upon Thames") & authorities.short_forms("Kingston Upon Hull")
    assert kingstons == {"Kingston"}


@pytest.mark.parametrize(("title", "served"), [
    ("Inspection of Bradford Children and Families Trust", ["E08000032"]),
    ("Doncaster Children’s Services Trust", ["E08000017"]),
    ("Achieving for Children serving Kingston and Richmond", ["E09000021", "E09000027"]),
    ("Achieving for Children serving Windsor and Maidenhead", ["E06000040"]),
    ("Slough Children First", ["E06000039"]),
    ("Slough Children’s Services Trust", ["E06000039"]),
    ("Birmingham Children’s Trust", ["E08000025"]),
    ("Together for Children", ["E08000024"]),
    ("Northamptonshire Children’s Trust serving North and West Northamptonshire", ["E06000061", "E06000062"]),
    ("Northamptonshire Children’s Trust serving West Northamptonshire", ["E06000062"]),
    ("Sandwell Children’s Trust", ["E08000028"]),
])
def test_a_trust_or_company_resolves_to_the_authorities_it_serves(title: str, served: list[str]) -> None:
    found = authorities.served_by_trust(title)
    assert found is not None, title
    assert [a.gss_code for a in found[1]] == served


def test_every_listed_form_names_registered_authorities() -> None:
    assert all(listed.authorities for listed in authorities.listed_forms())
    assert authorities.served_by_trust("Inspection of Solihull local authority children's services") is None
