"""The memorial: a static, bilingual website of the victims, from public claims only.

``export_memorial(case, OUT)`` writes ``index.html`` (every victim, with links), one page per victim
under ``victims/`` (name in Latin and Persian script, father's name, dates in both calendars, place,
what happened, the sources each fact comes from), ``about.html`` and ``style.css``. It reads the
case as the ``public`` recipient, so only public values appear and testimony appears only where the
witness consented to publication. No JavaScript, no external files: it reads offline from a USB
stick as well as from a web server.
"""

from dadkhah.exchange.memorial.site import MemorialVictim, export_memorial, victims

__all__ = ["MemorialVictim", "export_memorial", "victims"]
