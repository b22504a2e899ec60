"""Name matching that survives the many ways one name is written.

A caseworker types "Mohamad Yousef", the record says "Muhammad Yusuf" or "محمد يوسف". We store,
per client, a search document of normalised tokens and their consonant skeletons and match each
typed word as a word prefix against it:

- case, accents and diacritics are removed (NFKD, combining marks dropped); ß → ss;
- Arabic script: harakat dropped, hamza-carrying alef forms → ا, ة → ه, ى → ي;
- Latin transliterations collapse to a consonant skeleton: the first letter is kept, vowels
  (and a y or w between vowels) are dropped, doubled letters collapse, and a few spelling
  pairs are unified (ph/f, ou/u, sch/sh, dsch/dj/j, q/k, ck/k, z/s at the end of Arabic names
  is kept). Mohammed, Muhammad, Mohamad → mhmd; Ahmad, Ahmed → ahmd; Yusuf, Youssef, Jusuf → ysf;
- names written in one or two words match both ways: "Abdul Rahman" and "Abdulrahman".

Limits: it cannot map between scripts (typing "Mohammed" does not find a record that has only
"محمد" — records carry both scripts), and very short words (one or two letters) match broadly.
"""

import re
import unicodedata

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": "", "ı": "i", "ё": "е"})
_VOWELS = set("aeiou")


def normalise(text: str) -> str:
    """Lower case, no accents or diacritics, letters and digits of any script, single spaces."""
    text = unicodedata.normalize("NFKD", text or "").translate(_FOLD)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("ß", "ss")
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def _is_latin(word: str) -> bool:
    return all("a" <= c <= "z" or c.isdigit() for c in word)


def skeleton(word: str) -> str:
    """Consonant skeleton of one normalised Latin word; other scripts are returned unchanged."""
    if not word or not _is_latin(word) or word.isdigit():
        return word
    w = word
    for old, new in (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("dj", "j"), ("ph", "f"), ("ck", "k"), ("q", "k")):
        w = w.replace(old, new)
    if w.startswith("j"):  # German transliteration: Jusuf = Yusuf, Jasmin = Yasmin
        w = "y" + w[1:]
    first, rest = w[0], w[1:]
    kept = []
    for i, c in enumerate(rest):
        prev = rest[i - 1] if i else first
        nxt = rest[i + 1] if i + 1 < len(rest) else ""
        if c in _VOWELS:
            continue
        if c in "yw" and (prev in _VOWELS or prev == first and first in _VOWELS) and (nxt in _VOWELS or not nxt):
            continue  # a glide between vowels: Hussein/Husain, Youssef
        kept.append(c)
    out = first
    for c in kept:
        if c != out[-1]:
            out += c
    return out


def document(*texts: str) -> str:
    """The stored search document: every word, its skeleton, and each text joined into one word."""
    keys: set[str] = set()
    for text in texts:
        norm = normalise(text)
        if not norm:
            continue
        words = norm.split()
        keys.update(words)
        keys.update(skeleton(w) for w in words)
        if len(words) > 1:
            joined = "".join(words)
            keys.add(joined)
            keys.add(skeleton(joined))
    return " " + " ".join(sorted(keys)) + " " if keys else ""


def query_alternatives(query: str) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
    """Per typed word: (normalised, skeleton) prefixes; plus the same for all words joined."""
    words = normalise(query).split()
    per_word = [(" " + w, " " + skeleton(w)) for w in words]
    joined = None
    if len(words) > 1:
        j = "".join(words)
        joined = (" " + j, " " + skeleton(j))
    return per_word, joined
