"""Generates the Python modules of identity.v1 and google.rpc with protoc.

The generated code is not committed: the build (setup.py) and the tests run
this script, so the modules always match proto/ of the checkout.

    /usr/bin/python3 generate_protos.py            # into identity_client/_generated

Inputs (environment overrides):
  IDENTITY_PROTO_DIR        the API's protos; default: ../../proto
  IDENTITY_GOOGLE_RPC_DIR   a directory holding google/rpc/status.proto and
                            google/rpc/error_details.proto; default: the copy
                            of googleapis shipped by Debian's
                            golang-github-gogo-googleapis-dev (Debian has no
                            python3-googleapis-common-protos)
  PROTOC, GRPC_PYTHON_PLUGIN  default: protoc, grpc_python_plugin on PATH
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE = "identity_client._generated"
DEBIAN_GOOGLEAPIS = pathlib.Path("/usr/share/gocode/src/github.com/gogo/googleapis")
GOOGLE_RPC_PROTOS = ["google/rpc/status.proto", "google/rpc/error_details.proto"]

# protoc writes imports from the proto path ("from identity.v1 import ...");
# they are moved under PACKAGE so that the client claims no top-level
# "identity" or "google.rpc" package of its own.
_IMPORT = re.compile(r"^from (identity\.v1|google\.rpc) import ", re.MULTILINE)


def _proto_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("IDENTITY_PROTO_DIR", HERE / ".." / ".." / "proto")).resolve()


def _google_rpc_dir() -> pathlib.Path:
    directory = pathlib.Path(os.environ.get("IDENTITY_GOOGLE_RPC_DIR", DEBIAN_GOOGLEAPIS))
    if not (directory / GOOGLE_RPC_PROTOS[0]).is_file():
        sys.exit(
            f"generate_protos.py: {directory}/{GOOGLE_RPC_PROTOS[0]} not found; install "
            "Debian's golang-github-gogo-googleapis-dev or set IDENTITY_GOOGLE_RPC_DIR")
    return directory


def _tool(variable: str, name: str) -> str:
    found = os.environ.get(variable) or shutil.which(name)
    if not found:
        sys.exit(f"generate_protos.py: {name} not found; install Debian's "
                 "protobuf-compiler and protobuf-compiler-grpc")
    return found


def generate(out_root: pathlib.Path) -> None:
    """Writes PACKAGE's modules below out_root (the directory holding identity_client)."""
    proto_dir = _proto_dir()
    identity_protos = sorted(p.relative_to(proto_dir).as_posix()
                             for p in (proto_dir / "identity" / "v1").glob("*.proto"))
    if not identity_protos:
        sys.exit(f"generate_protos.py: no protos in {proto_dir}/identity/v1")
    target = out_root / pathlib.Path(*PACKAGE.split("."))
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [_tool("PROTOC", "protoc"),
             f"--proto_path={proto_dir}", f"--proto_path={_google_rpc_dir()}",
             f"--python_out={scratch}", f"--pyi_out={scratch}", f"--grpc_python_out={scratch}",
             f"--plugin=protoc-gen-grpc_python={_tool('GRPC_PYTHON_PLUGIN', 'grpc_python_plugin')}",
             *identity_protos],
            check=True)
        subprocess.run(
            [_tool("PROTOC", "protoc"), f"--proto_path={_google_rpc_dir()}",
             f"--python_out={scratch}", f"--pyi_out={scratch}", *GOOGLE_RPC_PROTOS],
            check=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(scratch, target)
    for module in target.rglob("*.py*"):
        module.write_text(_IMPORT.sub(rf"from {PACKAGE}.\1 import ", module.read_text()))
    for package in [target, *(d for d in target.rglob("*") if d.is_dir())]:
        (package / "__init__.py").touch()


if __name__ == "__main__":
    generate(HERE)
