"""The supported Pythons: stated the same everywhere, checked by make before anything is
installed, one set of pins in the lock, and executed notebooks that do not record which
interpreter ran them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from analysis import config

ROOT = config.PROJECT_ROOT
FIND_PYTHON = ROOT / "scripts" / "find-python"


def supported_pythons() -> list[str]:
    """The one list, from the Makefile."""
    m = re.search(r"^SUPPORTED_PYTHONS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return m.group(1).split()


def spoken(versions: list[str]) -> str:
    """["3.11", "3.12", "3.13"] -> "3.11, 3.12 or 3.13" (as the README and make say it)."""
    return versions[0] if len(versions) == 1 else ", ".join(versions[:-1]) + " or " + versions[-1]


def make_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    env.update(extra)
    return env


def test_the_supported_range_is_stated_the_same_everywhere():
    versions = supported_pythons()
    minors = [int(v.split(".")[1]) for v in versions]
    assert all(v.startswith("3.") for v in versions) and minors == list(range(minors[0], minors[-1] + 1)), \
        f"SUPPORTED_PYTHONS should be consecutive 3.x versions, not {versions}"
    lowest, past_highest = versions[0], f"3.{minors[-1] + 1}"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'requires-python = ">={lowest},<{past_highest}"' in pyproject
    environment = (ROOT / "environment.yml").read_text()
    assert re.search(rf"^\s*-\s+python>={re.escape(lowest)},<{re.escape(past_highest)}\s*(#.*)?$", environment, re.M)
    readme = (ROOT / "README.md").read_text()
    assert f"Python {spoken(versions)}" in readme
    assert "or newer)" not in readme, "the README still promises an open-ended range"


def test_clean_notebook_drops_the_interpreter_version():
    from nbformat.v4 import new_code_cell, new_notebook

    from analysis.runner import clean_notebook

    nb = new_notebook(cells=[new_code_cell("1")])
    nb.metadata["language_info"] = {"name": "python", "version": "3.13.0", "pygments_lexer": "ipython3"}
    clean_notebook(nb)
    assert nb.metadata["language_info"] == {"name": "python", "pygments_lexer": "ipython3"}
    nbformat.validate(nb)
    clean_notebook(new_notebook())  # a notebook without language_info is left alone


def test_the_committed_reports_name_no_interpreter_version():
    for path in sorted((ROOT / "reports").glob("*.ipynb")):
        info = nbformat.read(str(path), as_version=4).metadata.get("language_info", {})
        assert "version" not in info, f"{path.name} records Python {info.get('version')}: rerun `make`"


def _lock_pins() -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for n, line in enumerate((ROOT / "requirements.lock").read_text().splitlines(), 1):
        requirement = line.split("#")[0].split(";")[0].strip()
        if not requirement:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s=]+)", requirement)
        assert m, f"requirements.lock line {n} is not an exact pin: {line!r}"
        pins.setdefault(re.sub(r"[-_.]+", "-", m.group(1)).lower(), set()).add(m.group(2))
    return pins


def test_the_lock_pins_one_version_of_each_package_for_every_python():
    forked = {name: sorted(v) for name, v in _lock_pins().items() if len(v) > 1}
    assert not forked, (f"requirements.lock pins different versions on different Pythons: {forked}; "
                        "results could then depend on the interpreter")


def test_an_unsupported_python_stops_make_at_once_with_one_clear_message(tmp_path):
    here = "%d.%d.%d" % sys.version_info[:3]
    venv = tmp_path / "venv"
    start = time.monotonic()
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"PYTHON3={sys.executable}",
         "SUPPORTED_PYTHONS=3.8 3.9", "setup"],
        cwd=ROOT, env=make_env(), capture_output=True, text=True)
    elapsed = time.monotonic() - start
    assert result.returncode != 0
    message = [line for line in result.stderr.splitlines() if line.startswith("make: ") and "***" not in line]
    assert len(message) == 1, result.stderr
    assert f"Python {here}" in message[0] and "3.8 or 3.9" in message[0] and "make PYTHON3=python3.9" in message[0]
    assert "pip" not in result.stdout + result.stderr
    assert not venv.exists(), "make created a venv with an unsupported Python"
    assert elapsed < 1.0, f"the check took {elapsed:.2f} s"


def _fake_bin(tmp_path: Path) -> Path:
    """python3 that claims to be 3.10 (as on Ubuntu 22.04), and pythonX.Y that runs this Python."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    old = bin_dir / "python3"
    old.write_text("#!/bin/sh\nprintf 3.10.12\n")
    good = bin_dir / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    good.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    for script in (old, good):
        script.chmod(0o755)
    return bin_dir


def test_make_uses_a_supported_python_on_the_path_and_says_so(tmp_path):
    bin_dir = _fake_bin(tmp_path)
    env = make_env(PATH=f"{bin_dir}:/usr/bin:/bin", PYENV_ROOT=str(tmp_path / "no-pyenv"))
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    result = subprocess.run([str(FIND_PYTHON), "check", "python3", "default", here],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"python{here}"
    assert "python3 is Python 3.10.12" in result.stderr and f"make uses python{here}" in result.stderr
    # Chosen by the user (make PYTHON3=python3): no substitute, the message instead.
    chosen = subprocess.run([str(FIND_PYTHON), "check", "python3", "command line", here],
                            env=env, capture_output=True, text=True)
    assert chosen.returncode == 1 and chosen.stdout == ""
    assert "python3 is Python 3.10.12" in chosen.stderr and f"make PYTHON3=python{here}" in chosen.stderr


def test_a_venv_made_with_an_unsupported_python_is_refused(tmp_path):
    bin_dir = _fake_bin(tmp_path)
    result = subprocess.run([str(FIND_PYTHON), "venv", str(bin_dir / "python3"), " ".join(supported_pythons())],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "is Python 3.10.12" in result.stderr and f"rm -rf {tmp_path}" in result.stderr
