"""The example of README.md runs as written, so the docs cannot rot."""

import os
import pathlib
import re
import subprocess
import sys

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def _example() -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(), re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "README.md should have exactly one python example"
    return blocks[0]


def test_readme_example_runs(endpoint, admin_key, admin):
    environment = dict(os.environ, IDENTITY_ENDPOINT=endpoint, IDENTITY_ACCESS_KEY=admin_key)

    result = subprocess.run([sys.executable, "-c", _example()], env=environment,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "['hank@globex.com']"
    assert list(admin.access_keys.iter_access_keys(user_id="hank@globex.com")) == []
