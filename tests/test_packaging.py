"""The project's own files agree with each other."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for name, extra in project["optional-dependencies"].items():
        if name != "bench":  # the benchmarks' peers (PyTorch) stay off Binder
            wanted |= {_name(r) for r in extra}
    conda = {_name(line) for line in _conda_dependencies()} - {"python", "pip"}
    assert conda == wanted


def _conda_dependencies() -> list[str]:
    """The package lines under 'dependencies:' in environment.yml (not the pip: block)."""
    lines, inside = [], False
    for line in (REPO / "environment.yml").read_text().splitlines():
        if not line.startswith(" "):
            inside = line.startswith("dependencies:")
            continue
        match = re.match(r"  - ([A-Za-z0-9_.-]+[<>=!~][^:]*|[A-Za-z0-9_.-]+)$", line)
        if inside and match:
            lines.append(match.group(1))
    return lines


def test_versions_agree_between_environment_yml_and_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = {}
    for r in project["dependencies"] + [r for e in project["optional-dependencies"].values() for r in e]:
        pins[_name(r)] = r.replace(" ", "")[len(_name(r)):]
    for line in _conda_dependencies():
        if _name(line) in pins:
            assert pins[_name(line)] == line[len(_name(line)):], line


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    assert "bash tools/run test" in readme and "bash tools/run lessons" in readme
    assert "exec bash tools/run test" in (REPO / ".ci" / "run").read_text()


def test_import_kerasedu_needs_numpy_alone():
    code = ("import sys, kerasedu; heavy = {'matplotlib', 'ipywidgets', 'IPython', 'tensorboard', 'ssl', 'urllib.request'};"
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
