"""The answer templates normalisers fill, in one place: a template is never emitted with an empty or placeholder slot
(the normaliser quarantines the record), and the release gate finds any filled template whose slot is empty."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from medpipe.warehouse.rows import Malformed
from medpipe.warehouse.text import dedup_key, is_placeholder_key

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Template:
    text: str  # str.format fields name the slots

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(name for _, name, _, _ in _FORMATTER.parse(self.text) if name)

    def fill(self, **values: str) -> str:
        """The template filled; raises Malformed("empty_template_slot") when a slot is empty or a placeholder ("N/A", "none")."""
        for slot in self.slots:
            value = str(values.get(slot) or "").strip()
            if not value or is_placeholder_key(dedup_key(value)) or not any(c.isalnum() for c in value):
                raise Malformed("empty_template_slot", f"{slot}={values.get(slot)!r} in {self.text!r}")
        return self.text.format(**{k: str(v).strip() for k, v in values.items()})

    @property
    def pattern(self) -> re.Pattern[str]:
        """Matches a filled copy; each slot is a named group."""
        parts = []
        for literal, name, _, _ in _FORMATTER.parse(self.text):
            parts.append(re.escape(literal))
            if name:
                parts.append(f"(?P<{name}>.*?)")
        return re.compile("^" + "".join(parts) + "$", re.DOTALL)

    def empty_slot(self, text: str) -> str | None:
        """The name of the first empty or placeholder slot of `text` when it is a filled copy of this template, else None."""
        found = self.pattern.match(text.strip())
        if not found:
            return None
        for slot, value in found.groupdict().items():
            value = value.strip()
            if not value or is_placeholder_key(dedup_key(value)) or not any(c.isalnum() for c in value):
                return slot
        return None


DIAGNOSIS = Template("The most likely diagnosis is {label}.")
DISEASE_TREATMENT = Template("It seems you may have {name}. The usual treatment is {treatments}.")
DISASTER_NEEDS = Template("The main resources needed are: {needs}.")

# source -> the template its answers are filled from
ANSWER_TEMPLATES: dict[str, Template] = {
    "symptom_to_diagnosis": DIAGNOSIS,
    "diseases_symptoms": DISEASE_TREATMENT,
    "synthetic_disaster_reports": DISASTER_NEEDS,
}
TEMPLATED_SOURCES = frozenset(ANSWER_TEMPLATES)


def empty_slot(text: str) -> str | None:
    """Which template `text` fills with an empty slot ("<template>: <slot>"), or None."""
    for template in ANSWER_TEMPLATES.values():
        slot = template.empty_slot(text)
        if slot is not None:
            return f"{template.text}: {slot}"
    return None
