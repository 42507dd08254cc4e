"""protect(): AES-256 (R6) in place.

pypdf reads AES-256 files only with the `cryptography` package, which OwnersRep does not
need otherwise, so the encrypted file is opened with pikepdf (qpdf has its own AES), and
the decrypted copy's text is read with pypdf.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pikepdf
import pypdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ownersrep.domain.errors import ValidationError
from ownersrep.reports.pdf_security import PdfProtectionError, protect

TEXT = "Riverside Medical Clinic: monthly report"


def small_pdf(path: Path, pages: int = 2) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(1, pages + 1):
        c.drawString(72, 760, f"{TEXT} page {n}")
        c.showPage()
    c.save()
    return path


def decrypted(path: Path, password: str) -> pypdf.PdfReader:
    """The file opened with `password` (pikepdf.PasswordError when it is wrong)."""
    with pikepdf.open(path, password=password) as pdf:
        plain = io.BytesIO()
        pdf.save(plain)
    return pypdf.PdfReader(plain)


def test_the_encrypted_file_needs_its_password(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    protect(path, "s3cret pass")
    assert b"/Encrypt" in path.read_bytes() and TEXT.encode() not in path.read_bytes()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pytest.raises(pikepdf.PasswordError):
        decrypted(path, "wrong")
    reader = decrypted(path, "s3cret pass")
    assert len(reader.pages) == 2
    assert f"{TEXT} page 2" in reader.pages[1].extract_text()


def test_the_encryption_is_aes_256_revision_6(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    protect(path, "pw")
    with pikepdf.open(path, password="pw") as pdf:
        encrypt = pdf.trailer.Encrypt
        assert (encrypt.Filter, int(encrypt.V), int(encrypt.R)) == ("/Standard", 5, 6)
        assert encrypt.CF.StdCF.CFM == "/AESV3"
        assert (encrypt.StmF, encrypt.StrF) == ("/StdCF", "/StdCF")
        assert pdf.encryption.bits == 256
        assert pdf.encryption.stream_method.name == "aesv3"


def test_the_owner_password_opens_it_too(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    protect(path, "user", "owner")
    with pikepdf.open(path, password="owner") as pdf:
        assert pdf.owner_password_matched
    with pikepdf.open(path, password="user") as pdf:
        assert pdf.user_password_matched and not pdf.owner_password_matched


def test_without_an_owner_password_a_random_one_keeps_the_restrictions(tmp_path: Path) -> None:
    one, two = small_pdf(tmp_path / "one.pdf"), small_pdf(tmp_path / "two.pdf")
    protect(one, "user")
    protect(two, "user")
    owner_keys = []
    for path in (one, two):
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(path, password="")
        with pikepdf.open(path, password="user") as pdf:
            assert not pdf.owner_password_matched
            owner_keys.append(bytes(pdf.trailer.Encrypt.O))
    # The owner password is a fresh random token per file, not a constant.
    assert owner_keys[0] != owner_keys[1]


@pytest.mark.parametrize(
    ("allow_print", "allow_copy"), [(True, False), (False, True), (True, True), (False, False)]
)
def test_permissions(tmp_path: Path, allow_print: bool, allow_copy: bool) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    protect(path, "pw", allow_print=allow_print, allow_copy=allow_copy)
    with pikepdf.open(path, password="pw") as pdf:
        allow = pdf.allow
    assert allow.print_highres is allow_print and allow.print_lowres is allow_print
    assert allow.extract is allow_copy
    assert allow.accessibility
    assert not (
        allow.modify_other or allow.modify_form or allow.modify_annotation or allow.modify_assembly
    )


def test_an_empty_password_is_refused_and_the_file_untouched(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    before = path.read_bytes()
    with pytest.raises(ValidationError, match=r"^Password: must not be empty$"):
        protect(path, "")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_not_a_pdf_is_refused_and_nothing_is_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("not a pdf at all")
    with pytest.raises(PdfProtectionError, match="not a readable PDF"):
        protect(path, "pw")
    assert path.read_text() == "not a pdf at all"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.pdf"]


def test_an_encrypted_file_is_not_encrypted_twice(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    protect(path, "pw")
    before = path.read_bytes()
    with pytest.raises(PdfProtectionError, match="already password protected"):
        protect(path, "other")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_the_file_mode_is_kept(tmp_path: Path) -> None:
    path = small_pdf(tmp_path / "report.pdf")
    path.chmod(0o640)
    protect(path, "pw")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
