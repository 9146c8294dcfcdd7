"""Turning the datetime arguments of calls into google.protobuf.Timestamp."""

from __future__ import annotations

import datetime

from google.protobuf import timestamp_pb2


def timestamp(moment: datetime.datetime) -> timestamp_pb2.Timestamp:
    """Refuses naive datetimes: their meaning would depend on the machine's zone."""
    if moment.tzinfo is None:
        raise ValueError("pass a timezone-aware datetime, e.g. datetime.now(timezone.utc)")
    result = timestamp_pb2.Timestamp()
    result.FromDatetime(moment.astimezone(datetime.timezone.utc))
    return result
