"""Survey instruments and the maintained lists beside them: declarative TOML files in forms/,
validated when loaded. Pure: no Flask, no database (an import-linter contract keeps it so)."""

from pathlib import Path

from outreach.instrument.instrument import Instrument, InstrumentError, load
from outreach.paths import FORMS


def load_all(folder: Path = FORMS) -> list[Instrument]:
    """Every instrument version in `folder`; a broken file raises InstrumentError and the app
    does not start."""
    found: dict[tuple[str, int], Instrument] = {}
    for path in sorted(folder.glob("*.toml")):
        instrument = load(path)
        key = (instrument.id, instrument.version)
        if key in found:
            raise InstrumentError(
                f"{path}: {instrument.id} version {instrument.version} is also in {found[key].path}"
            )
        found[key] = instrument
    return sorted(found.values(), key=lambda i: (i.id, i.version))


def load_instruments(folder: Path = FORMS) -> dict[str, Instrument]:
    """The newest version of each instrument in `folder`, by id."""
    return {i.id: i for i in load_all(folder)}
