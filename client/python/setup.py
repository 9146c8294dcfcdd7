"""Generates the protobuf modules, then builds; metadata is in pyproject.toml.

Generation runs before setup() rather than in build_py: the package list names
identity_client._generated, which must exist already when pip asks for the
metadata of a fresh checkout.
"""

import pathlib
import sys

from setuptools import setup

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import generate_protos  # noqa: E402

generate_protos.generate(generate_protos.HERE)
setup()
