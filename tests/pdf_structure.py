"""Read a tagged PDF's structure tree back (pypdf): what a screen reader gets instead of the page.

`structure(data)` returns the tree below the `/Document` element as `Node`s with their role
(`H1`, `P`, `Table`, `TH` …), `/Lang`, attributes, alternative text and the text of their marked
content, in the order of the tree (the reading order).
"""

import io
from dataclasses import dataclass, field

from pypdf import PdfReader


@dataclass
class Node:
    role: str
    lang: str | None = None
    attributes: dict = field(default_factory=dict)
    alt: str | None = None
    id: str | None = None
    children: list["Node"] = field(default_factory=list)
    own_text: str = ""

    @property
    def text(self) -> str:
        return " ".join(" ".join([self.own_text, *(child.text for child in self.children)]).split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, role: str) -> list["Node"]:
        return [node for node in self.walk() if node.role == role]

    def languages(self) -> set[str]:
        return {node.lang for node in self.walk() if node.lang}


def marked_content_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page number, MCID) → the text shown inside that marked-content sequence."""
    texts: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else {}
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                stack.append(mcid)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, cm, tm, font, size, stack=stack, number=number):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None and value:
                texts[number, mcid] = texts.get((number, mcid), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _node(obj, reader, pages, texts) -> Node:
    obj = obj.get_object()
    attributes = obj.get("/A")
    attributes = dict(attributes.get_object()) if attributes is not None else {}
    node = Node(
        role=str(obj["/S"]).lstrip("/"),
        lang=str(obj["/Lang"]) if "/Lang" in obj else None,
        attributes=attributes,
        alt=str(obj["/Alt"]) if "/Alt" in obj else None,
        id=str(obj["/ID"]) if "/ID" in obj else None,
    )
    page = pages.get(obj.raw_get("/Pg").idnum) if "/Pg" in obj else None
    kids = obj.get("/K", [])
    if not isinstance(kids, list):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, int):
            node.own_text += texts.get((page, kid), "")
            continue
        kid_object = kid.get_object()
        if isinstance(kid_object, dict) and "/S" in kid_object:
            node.children.append(_node(kid, reader, pages, texts))
    return node


def structure(data: bytes) -> Node:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    texts = marked_content_text(reader)
    documents = [kid.get_object() for kid in root["/K"]]
    assert len(documents) == 1 and documents[0]["/S"] == "/Document"
    return _node(documents[0], reader, pages, texts)


def catalog(data: bytes):
    return PdfReader(io.BytesIO(data)).trailer["/Root"]


def xmp(data: bytes) -> str:
    return catalog(data)["/Metadata"].get_object().get_data().decode()
