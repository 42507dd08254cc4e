"""`ownersrep report WORKSPACE ...`: the real parser in-process on the demo workspace,
each bad input's message and exit code, nothing left behind on failure, and once as a
separate process that must not import Qt."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from ownersrep import cli, cli_report
from ownersrep.db.workspace import open_workspace
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.report_types import LOOK_AHEAD_WEEKS, PageSize, Section
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
SECTION_LIST = (
    "cover, summary, schedule, cost, issues, risks, kpis, appendix_issues, appendix_risks, "
    "appendix_audit"
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.orep"
    write_demo(path)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace for each test (the CLI marks periods issued)."""
    path = tmp_path / "ws" / "demo.orep"
    path.parent.mkdir()
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def services_of(path: Path) -> tuple[object, AppServices]:
    ws = open_workspace(path)
    return ws, AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))


def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_the_names_in_the_parser_match_the_report_types() -> None:
    # cli_report keeps its own copy so that building the parser stays cheap.
    assert tuple(s.value for s in Section) == cli_report.SECTION_NAMES
    assert tuple(p.value for p in PageSize) == cli_report.PAGE_SIZES
    assert (LOOK_AHEAD_WEEKS[0], LOOK_AHEAD_WEEKS[-1]) == cli_report.LOOK_AHEAD_RANGE
    assert list(LOOK_AHEAD_WEEKS) == list(range(LOOK_AHEAD_WEEKS[0], LOOK_AHEAD_WEEKS[-1] + 1))


def test_a_draft_is_not_marked_issued(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    out = out_dir / "draft.pdf"
    code, _stdout, err = run(
        capsys, "report", str(demo), "--project", "RMC", "--draft", "-o", str(out)
    )
    assert code == 0, err
    assert len(pypdf.PdfReader(out).pages) > 3
    ws, services = services_of(demo)
    try:
        clinic = services.reports.project_by_code("RMC")
        period = services.reports.default_period(clinic)
        assert services.report_periods.get(clinic, period).issued_on is None
    finally:
        ws.close()  # type: ignore[attr-defined]


def test_a_project_report(capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path) -> None:
    out = out_dir / "clinic.pdf"
    ws, services = services_of(demo)
    try:
        clinic = services.reports.project_by_code("RMC")
        period = services.reports.default_period(clinic)
        name = services.projects.get(clinic).name
        assert services.report_periods.get(clinic, period).issued_on is None
    finally:
        ws.close()  # type: ignore[attr-defined]
    code, stdout, err = run(capsys, "report", str(demo), "--project", "RMC", "-o", str(out))
    assert code == 0, err
    pages = len(pypdf.PdfReader(out).pages)
    assert stdout.startswith(f"Wrote {out}: {pages} pages (project RMC, period {period}) in ")
    assert stdout.count("\n") == 1
    texts = text_of(out)
    assert name in texts[0]
    assert all(f"Page {n} of {pages}" in t for n, t in enumerate(texts, 1))
    assert sorted(p.name for p in out_dir.iterdir()) == ["clinic.pdf"]
    ws, services = services_of(demo)
    try:
        # Marked issued by the CLI, on the real day the command ran.
        assert services.report_periods.get(clinic, period).issued_on is not None
    finally:
        ws.close()  # type: ignore[attr-defined]


def test_period_sections_look_ahead_and_letter(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    out = out_dir / "erp.pdf"
    code, stdout, err = run(
        capsys, "report", str(demo), "--project", "ERP", "--period", "2026-10",
        "--sections", "Summary, cost,schedule", "--look-ahead", "6", "--page-size", "letter",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "(project ERP, period 2026-10)" in stdout
    reader = pypdf.PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = "\n".join(p.extract_text() for p in reader.pages)
    for section in (Section.SUMMARY, Section.SCHEDULE, Section.COST):
        assert section.label in text
    for section in (Section.ISSUES, Section.RISKS, Section.KPIS):
        assert section.label not in text
    assert "October 2026" in text
    ws, services = services_of(demo)
    try:
        erp = services.reports.project_by_code("ERP")
        assert services.report_periods.get(erp, "2026-10").issued_on is not None
    finally:
        ws.close()  # type: ignore[attr-defined]


def test_the_portfolio_report(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    out = out_dir / "portfolio.pdf"
    code, stdout, err = run(
        capsys, "report", str(demo), "--portfolio", "--sections", "cover,summary", "-o", str(out)
    )
    assert code == 0, err
    assert "(portfolio, period " in stdout
    text = "\n".join(text_of(out))
    ws, services = services_of(demo)
    try:
        for code_ in ("RMC", "ERP"):
            pid = services.reports.project_by_code(code_)
            assert services.projects.get(pid).name in text
        period = stdout.split("period ")[1].split(")")[0]
        for code_ in ("RMC", "ERP"):
            pid = services.reports.project_by_code(code_)
            assert services.report_periods.get(pid, period).issued_on is not None
    finally:
        ws.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("how", ["--password", "--password-file"])
def test_an_encrypted_report(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path, tmp_path: Path, how: str
) -> None:
    out = out_dir / "secret.pdf"
    secret = "correct horse battery"
    value = secret
    if how == "--password-file":
        value = str(tmp_path / "pw.txt")
        Path(value).write_text(secret + "\nignored second line\n", encoding="utf-8")
    code, stdout, err = run(
        capsys, "report", str(demo), "--project", "RMC", "--sections", "cover,summary",
        how, value, "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert ", encrypted)" in stdout
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    with pikepdf.open(out, password=secret) as pdf:
        assert pdf.encryption.R == 6
        plain = io.BytesIO()
        pdf.save(plain)
    assert "Executive summary" in "\n".join(p.extract_text() for p in pypdf.PdfReader(plain).pages)
    assert sorted(p.name for p in out_dir.iterdir()) == ["secret.pdf"]


def test_a_missing_logo_is_a_warning_and_the_report_still_builds(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path, tmp_path: Path
) -> None:
    from PIL import Image

    logo = tmp_path / "client-logo.png"
    Image.new("RGB", (120, 40), "navy").save(logo)
    ws, services = services_of(demo)
    try:
        services.report_settings.set_branding({"client_logo": str(logo)})
    finally:
        ws.close()  # type: ignore[attr-defined]
    logo.unlink()
    out = out_dir / "clinic.pdf"
    code, stdout, err = run(
        capsys, "report", str(demo), "--project", "RMC", "--sections", "cover", "-o", str(out)
    )
    assert code == 0, err
    assert "Warning: " in err and "logo" in err and str(logo) in err
    assert err.count(str(logo)) == 1  # said once, not once per layer that noticed
    assert stdout.startswith(f"Wrote {out}: ")
    assert len(pypdf.PdfReader(out).pages) >= 1


# -- refusals: one line on stderr, exit code 1, nothing written ------------------------


def contents(folder: Path) -> dict[str, bytes | None]:
    return {p.name: p.read_bytes() if p.is_file() else None for p in folder.iterdir()}


def refused(capsys: pytest.CaptureFixture[str], out_dir: Path, *argv: str) -> tuple[str, list[str]]:
    before = contents(out_dir)
    code, stdout, err = run(capsys, *argv)
    assert code == 1, (stdout, err)
    assert stdout == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err  # never a traceback
    after = contents(out_dir)
    assert after == before  # nothing new, nothing changed, no temporary file left
    return err.removeprefix("error: ").rstrip("\n"), sorted(after)


@pytest.mark.parametrize("period", ["2026-13", "October", "26-10", ""])
def test_a_bad_period(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path, period: str
) -> None:
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "--period", period,
        "-o", str(out_dir / "r.pdf"),
    )  # fmt: skip
    assert message.startswith("Period: ") and "2026-10" in message


def test_an_unknown_project(capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path) -> None:
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "NOPE", "-o", str(out_dir / "r.pdf")
    )
    assert "NOPE" in message


def test_an_unknown_section_lists_the_valid_ones(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "--sections",
        "cover,gantt,summary,photos", "-o", str(out_dir / "r.pdf"),
    )  # fmt: skip
    assert message == (f"Sections: unknown sections 'gantt', 'photos'; choose from {SECTION_LIST}")


def test_a_bad_look_ahead(capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path) -> None:
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "--look-ahead", "9",
        "-o", str(out_dir / "r.pdf"),
    )  # fmt: skip
    assert message == "Look-ahead: must be 2 to 6 weeks, not 9"


def test_an_empty_password(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "--password-file", str(empty),
        "-o", str(out_dir / "r.pdf"),
    )  # fmt: skip
    assert message == "Password: must not be empty"
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "--password-file",
        str(tmp_path / "missing.txt"), "-o", str(out_dir / "r.pdf"),
    )  # fmt: skip
    assert message.startswith(f"cannot read the password file {tmp_path / 'missing.txt'}")


def test_an_unwritable_output(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    missing = out_dir / "no such folder" / "r.pdf"
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "-o", str(missing)
    )
    assert message == f"cannot write {missing}: the folder {missing.parent} does not exist"
    folder = out_dir / "a folder.pdf"
    folder.mkdir()
    message, _ = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "-o", str(folder)
    )
    assert message == f"cannot write {folder}: it is a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder(capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path) -> None:
    out_dir.chmod(0o555)
    try:
        message, _ = refused(
            capsys, out_dir, "report", str(demo), "--project", "RMC", "-o", str(out_dir / "r.pdf")
        )
    finally:
        out_dir.chmod(0o755)
    assert message == f"cannot write {out_dir / 'r.pdf'}: permission denied"


def test_a_missing_workspace(capsys: pytest.CaptureFixture[str], out_dir: Path) -> None:
    missing = out_dir.parent / "nowhere.orep"
    message, _ = refused(
        capsys, out_dir, "report", str(missing), "--project", "RMC", "-o", str(out_dir / "r.pdf")
    )
    assert str(missing) in message


def test_a_failed_build_leaves_the_earlier_report_and_no_temporary_file(
    capsys: pytest.CaptureFixture[str],
    demo: Path,
    out_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ownersrep.reports.owner_report as builder

    out = out_dir / "clinic.pdf"
    out.write_bytes(b"%PDF-1.4 last month's report")

    def half_then_fail(bundle: object, stream: io.BufferedWriter, progress: object = None) -> None:
        stream.write(b"%PDF-1.4 half a report")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(builder, "build_owner_report", half_then_fail)
    message, names = refused(
        capsys, out_dir, "report", str(demo), "--project", "RMC", "-o", str(out)
    )
    assert message.startswith("cannot write ") and "No space left on device" in message
    assert names == ["clinic.pdf"]
    assert out.read_bytes() == b"%PDF-1.4 last month's report"
    # Not issued: the report was never written.
    ws, services = services_of(demo)
    try:
        clinic = services.reports.project_by_code("RMC")
        period = services.reports.default_period(clinic)
        assert services.report_periods.get(clinic, period).issued_on is None
    finally:
        ws.close()  # type: ignore[attr-defined]


def test_project_and_portfolio_are_exclusive(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["report", str(demo), "--project", "RMC", "--portfolio", "-o", "x.pdf"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["report", str(demo), "-o", "x.pdf"])
    assert "one of the arguments --project --portfolio is required" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["report", str(demo), "--project", "RMC", "--page-size", "A3", "-o", "x.pdf"])
    assert "choose A4 or Letter, not “A3”" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_python_dash_m_ownersrep_report_imports_no_qt(demo: Path, out_dir: Path) -> None:
    out = out_dir / "clinic.pdf"
    code = (
        "import sys\n"
        "from ownersrep.cli import main\n"
        f"rc = main(['report', {str(demo)!r}, '--project', 'RMC', '-o', {str(out)!r}])\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('qt modules:', qt)\n"
        "sys.exit(rc or (3 if qt else 0))\n"
    )
    env = {**os.environ, "OWNERSREP_BACKUP_DIR": str(out_dir.parent / "backups")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt modules: []" in result.stdout
    assert f"Wrote {out}: " in result.stdout
    assert len(pypdf.PdfReader(out).pages) > 5


def test_a_project_by_its_exact_name(
    capsys: pytest.CaptureFixture[str], demo: Path, out_dir: Path
) -> None:
    out = out_dir / "by-name.pdf"
    code, stdout, err = run(
        capsys, "report", str(demo), "--project", "Riverside Medical Clinic",
        "--sections", "cover", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "Riverside Medical Clinic" in text_of(out)[0]
    assert stdout.startswith(f"Wrote {out}: ")
