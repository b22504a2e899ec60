"""Name matching that survives the many ways one name is written, and stays fast at a million people.

A caseworker types "Mohamad Yousef", the record says "Muhammad Yusuf" or "محمد يوسف". Each person
has index terms (cases.ClientSearchTerm, one row per term, with the name for the list order):

- case, accents and diacritics are removed (NFKD, combining marks dropped); ß → ss;
- Arabic script: harakat dropped, hamza-carrying alef forms → ا, ة → ه, ى → ي;
- every word is a term, and each name written in several words also as one ("Abdul Rahman" →
  abdulrahman), so both spellings match;
- Latin transliterations get a variant key `#` + skeleton: consonants kept, each run of vowels one
  `*`, doubled letters collapsed, a few spelling pairs unified (ph/f, sch/sh, dsch/dj/j, q/k, ck/k,
  initial j/y, a y or w between vowels counts as a vowel). Mohammed, Muhammad, Mohamad → m*h*m*d,
  Mahmoud → m*hm*d; Ahmad, Ahmed → ahm*d; Yusuf, Youssef, Jusuf → y*s*f; Haddad, Hadad → h*d*d but
  Haidari → h*d*r*, Hodan → h*d*n. Keys with fewer than three consonants are not stored (Ali → al*
  would match hundreds of names): such names are found by their spelling and prefixes only.

A search ranks (ClientQuerySet.ranked_search): the typed word exactly, then names beginning with it,
then spelling variants, then (four letters or more) names containing it; with several words every
word must match (one intersection of the words' term sets in the GIN index client_search_terms_cw
over the search document, not a check per person found), the longest typed word ranks. Within a
rank the list order (name, id).
A BG or KJC number is matched exactly through its unique index, never as a substring.

Limits: it cannot map between scripts (typing "Mohammed" does not find a record that has only
"محمد" — records carry both scripts); Omar/Umar or Fatima/Fatma are different keys.
"""

import re
import unicodedata
from dataclasses import dataclass

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
    """Consonant skeleton of one normalised Latin word; other scripts are returned unchanged.

    Each run of vowels becomes one `*`, so the rhythm of the name is kept: Mohammed, Muhammad,
    Mohamad → m*h*m*d but Mahmoud → m*hm*d; Haddad, Hadad → h*d*d but Haidari → h*d*r*."""
    if not word or not _is_latin(word) or word.isdigit():
        return word
    w = word
    for old, new in (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("dj", "j"), ("ph", "f"), ("ck", "k"), ("q", "k")):
        w = w.replace(old, new)
    if w.startswith("j"):  # German transliteration: Jusuf = Yusuf, Jasmin = Yasmin
        w = "y" + w[1:]
    out = w[0]
    for i in range(1, len(w)):
        c, prev, nxt = w[i], w[i - 1], w[i + 1] if i + 1 < len(w) else ""
        if c in "yw" and prev in _VOWELS and (nxt in _VOWELS or not nxt):
            c = "a"  # a glide between vowels: Hussein/Husain, Youssef
        if c in _VOWELS:
            if out[-1] != "*":
                out += "*"
        elif c != out[-1]:
            out += c
    return out


def is_distinctive(key: str) -> bool:
    """A skeleton says enough to find spelling variants only with three consonants or more: a
    shorter one (Ali → al*, Omar → om*r) would match hundreds of different names."""
    return sum(1 for c in key if c != "*") >= 3


def terms(*texts: str) -> set[str]:
    """The index terms of a person (cases.ClientSearchTerm): every normalised word, each text
    joined into one word ("Abdul Rahman" → abdulrahman), and `#` + the skeleton of each of these
    where it is distinctive and differs from the word."""
    out: set[str] = set()
    for text in texts:
        words = normalise(text).split()
        if len(words) > 1:
            words.append("".join(words))
        for word in words:
            out.add(word[:200])
            key = skeleton(word)
            if key != word and is_distinctive(key):
                out.add(("#" + key)[:200])
    return out


def document(*texts: str) -> str:
    """The stored search document (for matches inside a word): the terms, space-separated."""
    keys = terms(*texts)
    return " " + " ".join(sorted(keys)) + " " if keys else ""


@dataclass(frozen=True)
class Word:
    """One typed word: the word itself (matched exactly, then as a prefix) and its variant key
    (`#` + skeleton, only when distinctive)."""

    word: str
    variant: str | None


#: Name particles typed as a word of their own but stored joined as well (Al Hassan = Al-Hassan = Alhassan).
PARTICLES = {"al", "el", "ul", "abu", "abd", "abdel", "abdul", "bin", "ibn", "bint", "ould"}


def _typed_words(query: str) -> list[str]:
    """The normalised typed words, a name particle joined to the word after it."""
    words, particle = [], ""
    for word in normalise(query).split():
        if word in PARTICLES:
            particle += word
            continue
        words.append(particle + word)
        particle = ""
    if particle:
        words.append(particle)
    return words


def query_words(query: str) -> list[Word]:
    """The typed words, longest (most selective) first."""
    out = []
    for word in dict.fromkeys(_typed_words(query)):
        key = skeleton(word)
        out.append(Word(word[:200], "#" + key if key != word and is_distinctive(key) else None))
    return sorted(out, key=lambda w: -len(w.word))


def joined_word(query: str) -> Word | None:
    """Several typed words written as one ("Abdul Rahman" → abdulrahman), or None."""
    words = normalise(query).split()
    if len(words) < 2:
        return None
    joined = "".join(words)[:200]
    key = skeleton(joined)
    return Word(joined, "#" + key if key != joined and is_distinctive(key) else None)
