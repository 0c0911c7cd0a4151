"""The `Participant` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .participant_type import ParticipantType

__all__ = ["Participant"]


@dataclass(slots=True, kw_only=True)
class Participant(Model):
    """A participant on the purchase: a participant type and a value (the REST reference's
    KeyValuePair[ParticipantType,String]).
    """

    key: ParticipantType | None = None
    value: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .participant_type import ParticipantType

        return (
            Field("key", "key", c.enum(ParticipantType)),
            Field("value", "value", c.STR),
        )
