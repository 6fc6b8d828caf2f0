"""Printed dates → ISO dates, with the month names of the language data ("١٧ أيار/مايو ٢٠١٣",
"17 May 2013", "2013年5月17日"); any digit script."""

from __future__ import annotations

import datetime

from ..languages import Dates, Language, normal


def iso_date(lang: Language | Dates, text: str, *, whole: bool = True) -> str | None:
    """The ISO form of a date printed in `lang` (the whole text when `whole`), or None."""
    text = text.strip()
    match = lang.date.fullmatch(text) if whole else lang.date.search(text)
    if not match:
        return None
    groups = match.groupdict()
    try:
        month_text = groups["month"]
        month = lang.months.get(normal(month_text.replace(" / ", "/").replace("/ ", "/")))
        if month is None:
            month = int(month_text)
        day = int(groups["day"])
        year = int(groups["year"])
        return datetime.date(year, month, day).isoformat()
    except (KeyError, ValueError, TypeError):
        return None
