"""Dari: working translation, not binding (right to left).

Written Dari and Persian share the administrative vocabulary used here (fa.py avoids terms that
are specific to Iran); only the language name differs.
"""

from .fa import TEXT as PERSIAN

TEXT = {**PERSIAN, "language_name": "دری"}
