"""The forms a spoken language gives a person's name: Czech declines it ("pro Annu", "Petrovi")."""

VOWELS = frozenset("aeiouyáéíóúůýě")
# Consonants after which Czech writes the soft endings: Dáši not Dášy, Tomáše not Tomáša.
SOFT = frozenset("čšžřcjňťď")
# Masculine names ending so take the soft endings too: Alois → Aloise, Max → Maxe.
SOFT_ENDINGS = SOFT | frozenset("sxz")
# Before -e, -ě, -i and -í, ň ť ď are written n t d: Soňa → Soně, Soni.
_PLAIN = {"ň": "n", "ť": "t", "ď": "d"}
_SOFTENED = {plain: soft for soft, plain in _PLAIN.items()}
# Consonants that change before the dative -e and the possessive -in: Lenka → Lence, Lenčin.
_DATIVE = {"k": "ce", "g": "ze", "h": "ze", "r": "ře"}
_POSSESSIVE = {"k": "č", "g": "ž", "h": "ž", "r": "ř"}
# The endings of a possessive that agrees with "podložka", "sezení" or a case of them.
_AGREEING = ("", "a", "o", "y", "ě", "u", "ou")
# The e that falls out when Pavel, Karel or Marek are declined (Pavla, Karla, Marka).
_FLEETING = {"pavel": "pavl", "karel": "karl"}
_MIN_LENGTH = 3


def _join(stem: str, ending: str) -> str:
    """Add an ending to a stem, spelled as Czech writes it."""
    if stem[-1] in _PLAIN and ending[:1] in {"e", "ě", "i", "í"}:
        soft = "ě" if ending[0] in {"e", "ě"} else ending[0]
        return f"{stem[:-1]}{_PLAIN[stem[-1]]}{soft}{ending[1:]}"
    return stem + ending


def _feminine_a(name: str) -> set[str]:
    """Return the forms of a name like Anna, Lenka, Klára or Dáša (the žena pattern)."""
    stem = name[:-1]
    last = stem[-1]
    soft = last in SOFT
    if stem.endswith("ch"):  # Micha → Miše, Mišin
        dative, possessive = stem[:-2] + "še", stem[:-2] + "š"
    else:
        possessive = stem[:-1] + _POSSESSIVE.get(last, last)
        if last in _DATIVE:
            dative = stem[:-1] + _DATIVE[last]
        elif soft or last in {"l", "s", "z"}:
            dative = _join(stem, "e")
        else:
            dative = stem + "ě"
    forms = {_join(stem, "i" if soft else "y"), dative, stem + "u", stem + "ou"}
    return forms | {_join(possessive, "in" + ending) for ending in _AGREEING}


def _feminine_e(name: str) -> set[str]:
    """Return the forms of a name like Marie, Lucie or Alice (the růže pattern)."""
    stem = name[:-1]
    forms = {_join(stem, "i"), _join(stem, "í")}
    return forms | {_join(stem, "in" + ending) for ending in _AGREEING}


def _masculine_stem(name: str) -> str:
    """Return the stem a masculine name declines from, without an e that falls out."""
    if name in _FLEETING:
        return _FLEETING[name]
    if name[-2:] in {"ek", "ěk"} and len(name) > _MIN_LENGTH:
        stem = name[:-2]
        # Zdeněk → Zdeňka: the ě that falls out softened the consonant before it.
        soft = _SOFTENED.get(stem[-1], stem[-1]) if name[-2] == "ě" else stem[-1]
        return f"{stem[:-1]}{soft}k"
    return name


def _masculine(name: str) -> set[str]:
    """Return the forms of a name like Petr, Tomáš, Marek or Pavel (the pán and muž patterns)."""
    stem = _masculine_stem(name)
    soft = stem[-1] in SOFT_ENDINGS
    forms = {_join(stem, "e" if soft else "a"), stem + "ovi", _join(stem, "em"), stem + "ův"}
    return forms | {stem + "ov" + ending for ending in _AGREEING if ending}


def czech_forms(name: str) -> frozenset[str]:
    """Return a name with the cases and possessives Czech speakers say for it, in lower case."""
    word = name.casefold()
    forms = {word}
    # Only one-word names of letters decline by rule; others are said as they are written.
    if len(word) < _MIN_LENGTH or not word.isalpha():
        return frozenset(forms)
    if word.endswith("a") and word[-2] not in VOWELS:
        forms |= _feminine_a(word)
    elif word.endswith("e") and word[-2] not in VOWELS - {"i"}:
        forms |= _feminine_e(word)
    elif word.endswith("í"):
        forms |= {word + "ho", word + "mu", word + "m"}  # Jiří → Jiřího, Jiřímu, Jiřím
    elif word[-1] not in VOWELS:
        forms |= _masculine(word)
    return frozenset(forms)
