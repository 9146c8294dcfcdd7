"""Runs generate_protos.py as part of every build; metadata is in pyproject.toml."""

import pathlib
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import generate_protos  # noqa: E402


class BuildPyWithProtos(build_py):
    """Generates the protobuf modules into the source tree before copying it."""

    def run(self) -> None:
        generate_protos.generate(generate_protos.HERE)
        super().run()


setup(cmdclass={"build_py": BuildPyWithProtos})
