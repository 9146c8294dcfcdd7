"""Turning the update_mask argument of update calls into a FieldMask."""

from __future__ import annotations

from typing import Optional, Sequence

from google.protobuf import field_mask_pb2


def field_mask(paths: Optional[Sequence[str]]) -> Optional[field_mask_pb2.FieldMask]:
    """None (the server then updates every mutable field that is set) or the mask."""
    if paths is None:
        return None
    if isinstance(paths, str):
        raise TypeError("update_mask takes a list of paths, e.g. ['name']")
    return field_mask_pb2.FieldMask(paths=list(paths))
