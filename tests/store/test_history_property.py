"""Claim history invariants under random sequences of claims, corrections and withdrawals."""

from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from dadkhah.case import Case
from dadkhah.errors import Conflict
from dadkhah.store.tables import claims, retractions

VALUES = st.sampled_from(["teacher", "student", "worker", "engineer", "doctor"])


class ClaimHistory(RuleBasedStateMachine):
    """Compare the store with a trivially correct model of current values."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.tmp = tempfile.TemporaryDirectory()
        self.case = Case.init(Path(self.tmp.name) / "case", owner="prop")
        with self.case.writer() as w:
            self.source = w.create("Source", {"title": "S"})
            self.person = w.create("Person", {"name": "P"}, source=self.source)
        self.current: dict[str, str] = {}  # claim id -> value, for current occupation claims
        self.chain: dict[str, str] = {}  # superseding claim -> the claim it superseded
        self.written = 2 + 1  # the source's title and the person's name; plus nothing else yet

    @initialize()
    def start(self) -> None:
        self.written = self._count()

    def _count(self) -> int:
        with self.case.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(claims)).scalar_one())

    @rule(value=VALUES)
    def add(self, value: str) -> None:
        with self.case.writer() as w:
            made = w.claim(self.person, "occupation", value, source=self.source)
        self.current[made.id] = value
        self.written += 1

    @precondition(lambda self: self.current)
    @rule(data=st.data(), value=VALUES)
    def supersede(self, data: st.DataObject, value: str) -> None:
        old = data.draw(st.sampled_from(sorted(self.current)))
        with self.case.writer() as w:
            made = w.supersede(old, value, reason="fix")
        del self.current[old]
        self.current[made.id] = value
        self.chain[made.id] = old
        self.written += 1

    @precondition(lambda self: self.current)
    @rule(data=st.data())
    def retract(self, data: st.DataObject) -> None:
        target = data.draw(st.sampled_from(sorted(self.current)))
        with self.case.writer() as w:
            w.retract(target, reason="withdrawn")
        del self.current[target]
        restored = self.chain.get(target)
        if restored is not None:
            with self.case.reading() as conn:
                value = conn.execute(select(claims.c.value).where(claims.c.id == restored)).scalar_one()
            self.current[restored] = value

    @rule(data=st.data())
    def touching_a_dead_claim_is_refused(self, data: st.DataObject) -> None:
        with self.case.reading() as conn:
            dead = [r[0] for r in conn.execute(select(retractions.c.claim_id))]
        dead += [old for old in self.chain.values() if old not in self.current]
        if not dead:
            return
        target = data.draw(st.sampled_from(sorted(dead)))
        try:
            with self.case.writer() as w:
                w.retract(target, reason="again")
        except Conflict:
            return
        raise AssertionError("retracting a non-current claim must be refused")

    @invariant()
    def current_values_match_the_model(self) -> None:
        view = self.case.view(self.person)
        prop = view.properties.get("occupation")
        shown = sorted(c.id for v in prop.values for c in v.claims) if prop else []
        assert shown == sorted(self.current)

    @invariant()
    def no_claim_is_ever_lost(self) -> None:
        assert self._count() == self.written

    def teardown(self) -> None:
        self.case.close()
        self.tmp.cleanup()


ClaimHistory.TestCase.settings = settings(
    max_examples=25, stateful_step_count=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_claim_history = ClaimHistory.TestCase
