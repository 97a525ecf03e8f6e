"""Run notebooks with papermill and render them, reproducibly and safely.

``python -m analysis.runner run SRC OUT [-p NAME VALUE ...]`` executes ``SRC``
into ``OUT`` with the project root as working directory. The executed notebook
is written to a temporary name and moved into place only on success, so make
never sees a half-finished output as up to date; on failure the partial
notebook is kept as ``OUT`` with ``.failed.ipynb`` for debugging, and the
message names the notebook and the failing cell.

Volatile metadata (timings, kernel ids, absolute paths) is removed, so running
twice gives byte-identical files.

``python -m analysis.runner html NB OUT`` renders an executed notebook to HTML
with the project's page template (``analysis/templates/pages``): self-contained
(no CDN script), MathJax-proof, figures described.

They print nothing when all goes well (make prints one line each); the kernel runs over IPC (no "running over
TCP without encryption" warning) and is shut down without a stray interrupt.
A failing notebook still gets its full message.
``python -m analysis.runner student SRC OUT`` writes a student copy.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import nbformat

from . import config
from .io import atomic_path

_VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception", "input_path",
                           "output_path", "environment_variables", "version")


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip timings, ids, paths and the interpreter's version, which change from run to run
    or from one supported Python to another (in place; returns ``nb``)."""
    pm = nb.metadata.get("papermill", {})
    for key in _VOLATILE_NOTEBOOK_KEYS:
        pm.pop(key, None)
    nb.metadata.pop("widgets", None)
    # The kernel reports its exact Python (e.g. 3.11.7): the results do not depend on it, and
    # keeping it would make every supported interpreter, even a patch release, differ in bytes.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives this cell a random id on every run
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return nb


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` atomically (temporary name, then rename)."""
    with atomic_path(path) as tmp:
        nbformat.write(nb, str(tmp))


_NUMBER = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?")


def _parse_value(value: str):
    """Parameters arrive as strings; keep them strings (paths) except true/false and numbers.

    ``"5"`` becomes an int, ``"0.5"`` or ``"1e-3"`` a float; anything else
    (``"nan"``, ``"data/raw"``, ``"1.2.3"``) stays a string.
    """
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    if re.fullmatch(r"[+-]?\d+", value):
        return int(value)
    if _NUMBER.fullmatch(value):
        return float(value)
    return value


STANDARD_PARAMETERS = ("corpus_dir", "processed_dir", "figures_dir", "reports_dir", "story_dir", "annotations_dir",
                       "lexicons_dir", "max_rows", "max_panels")
"""The parameters make passes to every notebook; each notebook declares only those it uses."""


def declared_parameters(src: Path) -> set[str]:
    """Names declared in the notebook's ``parameters`` cell."""
    import papermill as pm

    return set(pm.inspect_notebook(str(src)))


def _quiet_kernel_manager():
    """A kernel manager whose kernel logs nothing when all goes well.

    - IPC transport (sockets in Jupyter's runtime folder, readable only by this
      user, one unique name per kernel) instead of TCP on localhost, which
      ipykernel warns about.
    - No interrupt before shutdown: jupyter_client interrupts the kernel before
      asking it to shut down, so ipykernel logs "KeyboardInterrupt caught in
      kernel" after every notebook. Papermill shuts the kernel down only when it
      is idle (every cell has finished or failed), so there is nothing to interrupt.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class QuietKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("ip")
        def _ip_default(self):
            # Without a connection file jupyter_client names every IPC kernel "kernel-ipc" in the
            # working folder, so two notebooks run at once (make -j) would share sockets and
            # read each other's messages ("Invalid Signature"). One unique name per kernel:
            import uuid

            from jupyter_core.paths import jupyter_runtime_dir

            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
            return str(runtime / f"papermill-{uuid.uuid4().hex}-ipc")

        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return QuietKernelManager


def run(src: Path, out: Path, parameters: dict | None = None) -> None:
    """Execute ``src`` into ``out`` with papermill (see the module docstring).

    Standard parameters the notebook does not declare are dropped quietly;
    any other undeclared name is an error, so a typo never passes silently.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    parameters = dict(parameters or {})
    declared = declared_parameters(src)
    unknown = sorted(set(parameters) - declared - set(STANDARD_PARAMETERS))
    if unknown:
        raise SystemExit(f"{src}: unknown parameter(s) {unknown}; it declares {sorted(declared)}")
    parameters = {k: v for k, v in parameters.items() if k in declared}

    # A non-interactive backend inherited from the environment would stop the
    # kernel's inline backend from putting figures in the notebook.
    os.environ.pop("MPLBACKEND", None)
    # Progress bars from the kernel go straight to this terminal, never into the notebook
    # (papermill records the kernel's stderr as output); without a terminal they are off.
    if "PROGRESS" not in os.environ:
        from .engine import terminal_for_progress

        os.environ["PROGRESS"] = terminal_for_progress() or "0"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.stem + ".running.ipynb")
    failed = out.with_name(out.stem + ".failed.ipynb")
    failed.unlink(missing_ok=True)
    try:
        pm.execute_notebook(
            str(src), str(tmp), parameters=parameters, cwd=str(config.PROJECT_ROOT),
            kernel_name="python3", progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, kernel_manager_class=_quiet_kernel_manager(),
        )
    except PapermillExecutionError as exc:
        os.replace(tmp, failed)
        raise SystemExit(
            f"\nNOTEBOOK FAILED: {src} — cell {exc.cell_index} (execution count {exc.exec_count}) "
            f"raised {exc.ename}: {exc.evalue}\nThe partial output is in {failed}; "
            f"{out} was not written.\n"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    nb = clean_notebook(nbformat.read(str(tmp), as_version=4))
    tmp.unlink()
    write_notebook(nb, out)


TEMPLATES = Path(__file__).with_name("templates")


def render_html(nb_path: Path, out: Path) -> None:
    """Render an executed notebook to a standalone HTML page (atomically).

    The ``pages`` template extends nbconvert's lab template; see its header for
    what it leaves out (every CDN script, MathJax among them) and adds (alt text).
    """
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(nb_path), as_version=4)
    exporter = HTMLExporter(template_name="pages", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(nb_path).stem}})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, out)


def student_copy(src: Path, out: Path) -> None:
    """Write a student copy: cells tagged ``solution`` removed, outputs cleared.

    Uses nbconvert's own TagRemovePreprocessor and ClearOutputPreprocessor.
    """
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor
    from traitlets.config import Config

    nb = nbformat.read(str(src), as_version=4)
    cfg = Config()
    cfg.TagRemovePreprocessor.remove_cell_tags = {"solution"}
    cfg.TagRemovePreprocessor.enabled = True
    resources: dict = {}
    nb, resources = TagRemovePreprocessor(config=cfg).preprocess(nb, resources)
    nb, resources = ClearOutputPreprocessor().preprocess(nb, resources)
    nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    write_notebook(nb, Path(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.runner", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="execute a notebook with papermill")
    p_run.add_argument("src", type=Path)
    p_run.add_argument("out", type=Path)
    p_run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    p_run.add_argument("--parameters-json", default="{}", metavar="JSON",
                       help="more parameters as one JSON object, types kept (used by analysis.pipeline)")
    p_html = sub.add_parser("html", help="render an executed notebook to HTML")
    p_html.add_argument("src", type=Path)
    p_html.add_argument("out", type=Path)
    p_student = sub.add_parser("student", help="write a student copy (solutions removed, outputs cleared)")
    p_student.add_argument("src", type=Path)
    p_student.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        run(args.src, args.out, {**json.loads(args.parameters_json), **{k: _parse_value(v) for k, v in args.parameter}})
    elif args.command == "html":
        render_html(args.src, args.out)
    else:
        student_copy(args.src, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
