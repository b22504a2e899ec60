"""Real files for upload tests, built with the libraries that read them (pypdf, Pillow)."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf(*, pages: int = 1, padding: bytes = b"") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if padding:  # bulk in a metadata stream-free way: an extra info entry
        writer.add_metadata({"/Padding": padding.decode("latin-1")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript(where: str = "openaction") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if where == "names":  # a document-level script in the catalogue's /Names tree
        script = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
        names = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("a"), writer._add_object(script)])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    elif where == "openaction":
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
    elif where == "launch":
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
        )
    elif where == "attachment":
        writer.add_attachment("payload.exe", b"MZ\x90\x00")
    elif where == "page_aa":
        writer.pages[0][NameObject("/AA")] = DictionaryObject(
            {
                NameObject("/O"): DictionaryObject(
                    {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
                )
            }
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="geheim", algorithm="RC4-128")  # RC4 needs no extra package
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt: str = "PNG", *, size=(40, 30), exif: bool = False) -> bytes:
    picture = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "GeheimeKamera"  # Make
        data[0x8825] = {1: "N"}  # GPS
        kwargs["exif"] = data.tobytes()
    picture.save(out, format=fmt, **kwargs)
    return out.getvalue()
