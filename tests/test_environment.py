"""The dependency lists agree, and every dependency is pinned."""
from __future__ import annotations

import re

from analysis import config


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements_in() -> dict[str, str]:
    pins = {}
    for line in (config.PROJECT_ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[_norm(name)] = version.strip()
    return pins


def _environment_yml() -> dict[str, str]:
    pins = {}
    for line in (config.PROJECT_ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s+([A-Za-z0-9_.-]+)\s*(==|=)\s*([0-9][^\s#]*)", line)
        if m and m.group(1) != "python":
            pins[_norm(m.group(1))] = m.group(3)
    return pins


def test_environment_yml_lists_the_same_packages_and_versions():
    assert _environment_yml() == _requirements_in()


def test_every_top_level_dependency_is_pinned_in_the_lock_file():
    lock = {}
    # Lines are `name==version`, some with `; marker` (a package needed on some Pythons or
    # platforms only); `#` starts a comment.
    requirements = [ln.split("#")[0].split(";")[0].strip()
                    for ln in (config.PROJECT_ROOT / "requirements.lock").read_text().splitlines()]
    for line in filter(None, requirements):
        name, version = line.split("==")
        lock[_norm(name)] = version
    for name, version in _requirements_in().items():
        assert lock.get(name) == version, f"{name} is {version} in requirements.in but {lock.get(name)} in the lock"
    assert all("==" in ln for ln in requirements if ln)


def test_design_card_packages_are_all_present():
    for name in ["jupyterlab", "pandas", "matplotlib", "nltk", "papermill"]:
        assert name in _requirements_in()
