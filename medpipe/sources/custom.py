"""Sources added by configuration: the TOML file named by MEDPIPE_SOURCES_FILE, one `[[source]]` table per source.

    [[source]]
    name = "chatdoctor_icliniq"          # the asset name (letters, digits, underscores)
    path = "/data/chatdoctor/icliniq.json"   # a file, or a folder whose files of `format` are all read
    format = "json"                      # json, jsonl, csv, parquet or xlsx
    input = "input"                      # the question column
    output = "output"                    # the answer column
    context = "instruction"              # optional: options, passage or earlier turns
    licence = "cc-by-4.0"                # required; "unknown" is allowed and keeps the rows off the Hub
    kind = "consultation"                # optional: consultation, exam, diagnosis, reasoning, reference
    max_share = 0.5                      # optional: its largest share of `final` (default: the gate's 0.3)
    max_error_rate = 0.2                 # optional: the audited error rate the gate tolerates (default 0.10; medpipe.review.audit)

Such a source gets the same normalisation, quality steps, quarantine and provenance as a catalog entry. A bad file fails with one
line naming the file, the source and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from medpipe.settings import SettingError, sources_file_setting
from medpipe.sources.normalisers import columns
from medpipe.sources.readers import SourceUnavailable, read_file
from medpipe.sources.spec import KINDS, SourceSpec

FORMATS = ("json", "jsonl", "csv", "parquet", "xlsx")
REQUIRED = ("name", "path", "format", "input", "output", "licence")
OPTIONAL = ("context", "kind", "max_share", "max_error_rate", "description")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class SourceFileError(SettingError):
    """A sources file medpipe cannot use; the message names the file, the source and the key."""

    def __init__(self, file: Path, source: str, key: str, problem: str) -> None:
        ValueError.__init__(self, f"MEDPIPE_SOURCES_FILE {file}: source '{source}': key '{key}': {problem}")


def configured_sources(file: Path | None = None, taken: frozenset[str] = frozenset()) -> tuple[SourceSpec, ...]:
    """The SourceSpecs of the sources file (MEDPIPE_SOURCES_FILE when `file` is None); () when none is set. A name in `taken`
    (the catalog's) is refused."""
    taken = set(taken)

    file = file if file is not None else sources_file_setting()
    if file is None:
        return ()
    try:
        document = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceFileError(file, "-", "-", f"not a readable TOML file ({type(exc).__name__}: {exc})") from exc
    tables = document.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourceFileError(file, "-", "source", "expected one or more [[source]] tables")
    specs = []
    for index, table in enumerate(tables):
        label = str(table.get("name") or f"#{index + 1}")
        for key in REQUIRED:
            if not isinstance(table.get(key), str) or not table[key].strip():
                raise SourceFileError(file, label, key, "missing (required: " + ", ".join(REQUIRED) + ")")
        unknown = sorted(set(table) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise SourceFileError(file, label, unknown[0], "unknown key (known: " + ", ".join((*REQUIRED, *OPTIONAL)) + ")")
        name = table["name"]
        if not _NAME.match(name) or name in taken:
            raise SourceFileError(file, label, "name", "must be lower-case letters, digits and underscores, and not a source already defined")
        taken.add(name)
        form = table["format"].lower()
        if form not in FORMATS:
            raise SourceFileError(file, name, "format", f"unknown format {table['format']!r} (known: {', '.join(FORMATS)})")
        path = Path(table["path"]).expanduser()
        if not path.is_absolute():
            path = (file.parent / path).resolve()
        if not path.exists():
            raise SourceFileError(file, name, "path", f"{path} does not exist")
        if path.is_file() and path.suffix.lower() != f".{form}":
            raise SourceFileError(file, name, "path", f"{path.name} is not a .{form} file (key 'format' says {form})")
        if path.is_dir() and not any(path.glob(f"*.{form}")):
            raise SourceFileError(file, name, "path", f"no .{form} file in {path}")
        kind = table.get("kind", "consultation")
        if kind not in KINDS:
            raise SourceFileError(file, name, "kind", f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
        share = table.get("max_share")
        if share is not None and (not isinstance(share, (int, float)) or not 0 < share <= 1):
            raise SourceFileError(file, name, "max_share", f"{share!r} is not a share between 0 and 1")
        error_rate = table.get("max_error_rate", SourceSpec.max_error_rate)
        if not isinstance(error_rate, (int, float)) or not 0 < error_rate <= 1:
            raise SourceFileError(file, name, "max_error_rate", f"{error_rate!r} is not a share between 0 and 1")
        context = table.get("context")
        if context is not None and not (isinstance(context, str) and context.strip()):
            raise SourceFileError(file, name, "context", "must be a column name")
        check_columns(file, name, path, form, {"input": table["input"], "output": table["output"], **({"context": context} if context else {})})
        specs.append(SourceSpec(
            name=name, hub_id=f"local file ({path.name})", license=table["licence"].strip(), kind=kind, max_share=share,
            max_error_rate=float(error_rate),            normalise=columns(input=table["input"], output=table["output"], context=context),
            description=table.get("description") or f"Added by the sources file: {path.name}, {table['input']} -> {table['output']}.",
            path=str(path), files={"train": (path.name,) if path.is_file() else (f"*.{form}",)}))
    return tuple(specs)


def check_columns(file: Path, name: str, path: Path, form: str, wanted: dict[str, str]) -> None:
    """Every configured column is in the first record of the source's first file."""
    first_file = path if path.is_file() else sorted(path.glob(f"*.{form}"))[0]
    try:
        first = next((r.record for r in read_file(first_file, "train") if r.record is not None), None)
    except SourceUnavailable as exc:
        raise SourceFileError(file, name, "path", str(exc).split(". ")[0]) from exc
    if first is None:
        raise SourceFileError(file, name, "path", f"{first_file.name} holds no record")
    for key, column in wanted.items():
        if column not in first:
            raise SourceFileError(file, name, key,
                                  f"column {column!r} is not in {first_file.name} (columns: {', '.join(map(str, list(first)[:12]))})")
