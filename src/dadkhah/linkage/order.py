"""Which word of a full name is the surname: learnt from the names of all the lists at once.

A name in one cell ("قربان‌زاده ژاله", "IBRAHIMI Siamak", "Ali Rad Mohammad Reza") does not
say where the surname is. Read as given names then surname, most names of a list are right,
and that is enough to learn, for every word key, how often it is a given name and how often a
surname. A name whose surname-first reading is clearly more plausible under those counts is
rewritten "Surname, Given", which :func:`dadkhah.names.normalize_name` reads explicitly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from dadkhah.names import normalize_name

# How much more plausible (mean log-odds per word) a surname-first reading must be before it
# replaces the written order: the written order is right far more often than not.
MARGIN = 0.5
ROUNDS = 2

Keys = tuple[tuple[str, ...], tuple[str, ...]]  # given-name keys, surname keys
Reading = tuple[str, Keys]


def readings(text: str) -> list[Reading]:
    """The written order, then the surname taken from the front (one word, then two), each
    with its keys. One reading only when the text says the order itself."""
    written = normalize_name(text, "full")
    out: list[Reading] = [(text, (written.given_keys, written.surname_keys))]
    if "," in text or written.father or not written.given_keys or not written.surname_keys:
        return out  # "Surname, Given", or "X son of Y": the order is said
    words = text.split()
    lead = _leading_titles(words)
    titles, words = words[:lead], words[lead:]
    for cut in (1, 2):
        if len(words) > cut:
            given = " ".join(titles + words[cut:])
            rotated = f"{' '.join(words[:cut])}, {given}"
            name = normalize_name(rotated, "full")
            out.append((rotated, (name.given_keys, name.surname_keys)))
    return out


def _leading_titles(words: list[str]) -> int:
    """How many words at the front are titles (Seyyed, Haj, سید): they stay before the given
    names whichever word is the surname."""
    lead = 0
    while lead < len(words) - 2:
        here = len(normalize_name(" ".join(words[lead:]), "full").titles)
        rest = len(normalize_name(" ".join(words[lead + 1 :]), "full").titles)
        if here <= rest:
            break
        lead += 1
    return lead


def _plausibility(keys: Keys, given: Counter[str], surname: Counter[str]) -> float:
    """Mean log-probability that each word plays the part this reading gives it."""
    given_keys, surname_keys = keys
    if not given_keys or not surname_keys:
        return -math.inf
    total = 0.0
    for key in given_keys:
        total += math.log((given[key] + 0.5) / (given[key] + surname[key] + 1.0))
    for key in surname_keys:
        total += math.log((surname[key] + 0.5) / (given[key] + surname[key] + 1.0))
    return total / (len(given_keys) + len(surname_keys))


def infer_order(
    texts: Sequence[str | None],
    read: Callable[[list[str]], list[list[Reading]]] | None = None,
) -> list[str | None]:
    """Each full name as written, or rewritten "Surname, Given" where the counts over all
    ``texts`` say the surname comes first. Distinct names are read once (``read`` may spread
    that over processes); the counting rounds are cheap."""
    distinct = list(dict.fromkeys(t for t in texts if t))
    options = read(distinct) if read else [readings(t) for t in distinct]
    weight = Counter(t for t in texts if t)
    choice = [0] * len(distinct)
    for _ in range(ROUNDS):
        given: Counter[str] = Counter()
        surname: Counter[str] = Counter()
        for text, opts, pick in zip(distinct, options, choice, strict=True):
            g, s = opts[pick][1]
            if g and s:
                n = weight[text]
                for key in g:
                    given[key] += n
                for key in s:
                    surname[key] += n
        for i, opts in enumerate(options):
            if len(opts) == 1:
                continue
            scores = [_plausibility(keys, given, surname) for _, keys in opts]
            best = max(range(1, len(opts)), key=scores.__getitem__)
            choice[i] = best if scores[best] > scores[0] + MARGIN else 0
    chosen = {t: opts[pick][0] for t, opts, pick in zip(distinct, options, choice, strict=True)}
    return [chosen[t] if t else t for t in texts]
