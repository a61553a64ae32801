"""Downloads of a letter: plain text, Markdown and Word (.docx, with python-docx)."""

from __future__ import annotations

import io
import re

from poa.text.plain import BULLET


def to_docx(letter: str, title: str = "Plan of Action") -> bytes:
    """A Word document of the letter: numbered section lines become headings, '- ' lines bullets."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.add_heading(title, level=1)
    for raw in letter.splitlines():
        line = raw.rstrip()
        if not line:
            continue
        heading = re.match(r"^(\d+(?:\.\d+)?)\.?\s+(.{2,90})$", line)
        if heading and not line.endswith((".", ":")):
            level = 2 if "." not in heading.group(1) else 3
            document.add_heading(heading.group(2), level=level)
        elif BULLET.match(line):
            document.add_paragraph(BULLET.sub("", line, count=1), style="List Bullet")
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes) -> str:
    """The paragraphs of a .docx, one per line (used to check exports)."""
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
