"""Password protection of a finished PDF: real AES-256 encryption (PDF 2.0 security
handler, revision 6) through pikepdf/qpdf.

ReportLab's own `encrypt=` option only offers RC4 (40 or 128 bit), which is broken and
refused by some readers' "secure" settings, so the report is written plain first and
encrypted here, in place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import pikepdf

from ownersrep.domain.errors import OwnersRepError, ValidationError


class PdfProtectionError(OwnersRepError):
    """The PDF could not be read or rewritten; the file is left as it was."""


def protect(
    path: Path | str,
    user_password: str,
    owner_password: str | None = None,
    *,
    allow_print: bool = True,
    allow_copy: bool = False,
) -> None:
    """Encrypt the PDF at `path` in place with AES-256 (R6).

    `user_password` opens the document; `owner_password` lifts the restrictions (a
    random token nobody knows when None or empty, so the restrictions hold). Printing
    (high and low resolution) follows `allow_print`, copying text and images follows
    `allow_copy`; editing, form filling, annotating and assembling are never allowed.
    Text extraction for accessibility stays on (screen readers).

    The encrypted copy is written to a temporary file in the same folder and then moved
    over the original, so a failure leaves the original untouched.
    """
    if not user_password:
        raise ValidationError("Password", "must not be empty")
    target = Path(path)
    owner = owner_password or secrets.token_urlsafe(32)
    allow = pikepdf.Permissions(
        accessibility=True,
        extract=allow_copy,
        modify_annotation=False,
        modify_assembly=False,
        modify_form=False,
        modify_other=False,
        print_lowres=allow_print,
        print_highres=allow_print,
    )
    encryption = pikepdf.Encryption(user=user_password, owner=owner, R=6, aes=True, allow=allow)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            with pikepdf.open(target) as pdf:
                pdf.save(tmp, encryption=encryption)
        except pikepdf.PasswordError:
            raise PdfProtectionError(f"{target}: is already password protected") from None
        except pikepdf.PdfError as exc:
            raise PdfProtectionError(f"{target}: not a readable PDF ({exc})") from None
        shutil.copymode(target, tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
