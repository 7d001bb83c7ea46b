"""The safety check before every session, as a state machine the screens only display.

``SafetyCheck`` refuses at once a routine the profile rules out, else asks one question at a time:
last time's emergency signs (when due), the emergency signs, then, unless a block is due, the signs
that change from day to day, new or worse leg symptoms, the pain now and the follow-up when due.
A yes that needs to know which asks "which?". ``log`` is called the moment a block is decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from time import monotonic
from typing import Any

from coach.durations import Clock
from coach.logs.records import Screening, SessionRecord
from coach.logs.timestamps import time_of_day
from coach.safety import check_plan as plan
from coach.safety import check_texts as texts
from coach.safety.after_stop import lasting_stop
from coach.safety.check_texts import SEVERE_PAIN_AT, AnswerKind, CheckQuestion
from coach.safety.last_sessions import PreviousSession, emergency_pending, last_check_at, newest_first, previous_session
from coach.safety.profile import ADULTS_ONLY, PREGNANCY_NOTE, Profile
from coach.safety.urgency import CAUDA_EQUINA, SIGNS, advice_for
from coach.safety.verdicts import CheckVerdict, LogBlock, Offer, Pending, VerdictKind
from coach.scale import ScaleEntry

RECENT_LOGS = 50
"""How many of the newest logs the check reads: plenty for the last session and last emergency sign."""
CAUTION_PAIN_AT = 6
YES_NO_KEYS = {"y": True, "n": False}
ENDS = (VerdictKind.LEFT, VerdictKind.NOT_STARTED, VerdictKind.SWITCH)


@dataclass
class SafetyCheck:
    """The check for one start of one routine. Read ``pending`` and ``verdict``; pass keys to ``key``."""

    profile: Profile
    contraindications: tuple[str, ...]
    recent: Sequence[SessionRecord]
    now: datetime
    log: LogBlock
    clock: Clock = monotonic
    """Seconds from a monotonic clock, for a 1 typed on the scale that waits for a 0."""
    bad_day_routine: bool = False
    """The chosen routine is the flare-up plan (or walking), which may start on a bad day."""
    wait_at_go: bool = False
    """The screen has today's dose to show: a go waits for enter, as a go with a note does."""
    record: Screening = field(default_factory=Screening)
    verdict: CheckVerdict | None = None
    cautions: list[CheckVerdict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Shown before a session that goes ahead (the pregnancy note)."""
    answered: int = 0
    scale: ScaleEntry = field(default_factory=ScaleEntry)
    ticked: list[str] = field(default_factory=list)
    closed: bool = False
    """The user has read the verdict and left the check."""
    _questions: list[CheckQuestion] = field(default_factory=list)
    _previous: PreviousSession | None = None
    _gate: plan.Gate | None = None

    def __post_init__(self) -> None:
        self.contraindications = tuple(self.contraindications)
        profile = self.profile
        if not profile.complete:
            self.verdict = CheckVerdict(VerdictKind.PROFILE_FIRST, "Your health profile first")
            return
        self.record.contraindications = {c: c in profile.conditions() for c in self.contraindications}
        self.recent = newest_first(self.recent)
        ruled_out = profile.ruled_out(self.contraindications)
        pending = emergency_pending(self.recent)
        if profile.under_16:
            self._block(texts.NOT_FOR_YOU_TITLE, (ADULTS_ONLY,), "Not for you: coach is made for adults.", moment="")
            return
        if pending:
            self._questions.append(texts.ASSESSED_QUESTION)
        elif ruled_out:
            self._block(*texts.not_for_you(ruled_out))
            return
        self._previous = previous_session(self.recent, self.now)
        stop = lasting_stop(self.recent, self.now)
        self._gate = plan.gate(profile, ruled_out, stop, self.bad_day_routine)
        short_since = None if pending or self._gate else last_check_at(self.recent, self.now, texts.SHORT_CHECK_HOURS)
        if short_since is not None:
            self._questions.append(texts.anything_new_question(time_of_day(short_since)))
        else:
            self._questions.append(texts.EMERGENCY_QUESTION)
        if self._gate is not None:
            return
        unlisted = tuple(c for c in profile.conditions() if c not in self.contraindications)
        if unlisted:
            self._caution(texts.SUITS_YOU_TITLE, texts.not_listed(unlisted), moment="")
        if profile.pregnant:
            self.notes.append(PREGNANCY_NOTE)
        if short_since is None:
            self._questions += plan.sign_questions(profile, first=self._previous is None)
        self._questions.append(texts.PAIN_QUESTION)
        question, caution = plan.followup(self._previous)
        if question is not None:
            self._questions.append(question)
        if caution is not None:
            self._caution(*caution)

    # what the screen reads -----------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def pending(self) -> Pending | None:
        """The question to show, or ``None`` once there is a verdict."""
        if self.verdict is not None or self.answered >= self.total:
            return None
        question = self._questions[self.answered]
        note = {texts.SETTLED_ID: plan.followup_note(self._previous), texts.ASSESSED_QUESTION.id: texts.EMERGENCY_AGAIN}
        return Pending(question, self.answered + 1, self.total, note.get(question.id, ""), tuple(self.ticked))

    @property
    def finished(self) -> bool:
        """Nothing more to show: the session starts, the user went back, or read the verdict and left."""
        verdict = self.verdict
        if verdict is None:
            return False
        quiet_go = verdict.kind is VerdictKind.GO and not verdict.advice and not self.wait_at_go
        return self.closed or quiet_go or verdict.kind in ENDS

    def seconds_to_next_change(self) -> float | None:
        """When a 1 typed on the scale becomes the answer by itself, if one waits."""
        return self.scale.seconds_left(self.clock())

    # what the screen passes in -------------------------------------------------

    def key(self, key: str) -> bool:
        """Act on a key; returns whether it was used. y or n, 0-10, or number keys and enter on "which?"
        answer; at a verdict g goes on, b goes back, f takes the offered routine, enter or escape leaves;
        escape takes back a 1 typed on the scale, else leaves. Enter alone never answers yes, no or a rating."""
        self.tick()
        pending = self.pending
        if pending is None:
            return self._verdict_key(key)
        kind = pending.question.kind
        if key == "escape":
            if self.scale.waiting:
                self.scale.clear()
            else:
                self.leave()
            return True
        if kind is AnswerKind.RATING:
            rating, used = self.scale.press(key, self.clock())
            if rating is not None:
                self.answer(rating)
                if not used:
                    self.key(key)
                return True
            return used or key == "enter"
        if kind is AnswerKind.WHICH:
            return self._which_key(pending, key)
        if key in YES_NO_KEYS:
            self.answer(YES_NO_KEYS[key])
            return True
        return key == "enter"

    def _which_key(self, pending: Pending, key: str) -> bool:
        items = pending.question.items
        if key.isdigit() and 1 <= int(key) <= len(items):
            item = items[int(key) - 1].id
            self.ticked = [i for i in self.ticked if i != item] if item in self.ticked else [*self.ticked, item]
            return True
        if key == "enter" and self.ticked:
            self.answer(tuple(self.ticked))
        return key == "enter"

    def _verdict_key(self, key: str) -> bool:
        verdict = self.verdict
        if verdict is None or self.finished:
            return False
        if key == "f" and verdict.offer is not Offer.NONE:
            self.switch()
            return True
        if verdict.kind is VerdictKind.CAUTION:
            if key in ("g", "b", "escape"):
                self.decide(key == "g")
                return True
            return False
        if verdict.kind is VerdictKind.GO and key == "escape":
            self.verdict = CheckVerdict(VerdictKind.LEFT)
            return True
        go_keys = ("enter", "space") if verdict.kind is VerdictKind.GO else ("enter", "escape")
        if key in go_keys:
            self.closed = True
            return True
        return False

    def tick(self) -> None:
        """Let time pass: a 1 on the scale that waited long enough for a 0 is the answer."""
        rating = self.scale.due(self.clock())
        if rating is not None and self.pending is not None:
            self.answer(rating)

    def answer(self, value: bool | int | tuple[str, ...]) -> CheckVerdict | None:
        """Take the answer to the pending question; returns the verdict once there is one."""
        pending = self.pending
        if pending is None:
            raise ValueError("there is no question waiting for an answer")
        question = pending.question
        if not question.allows(value):
            raise ValueError(f"{value!r} is not an answer to {question.id}")
        self.answered += 1
        self.ticked = []
        if isinstance(value, tuple):
            self._which_answered(question, value)
        elif question.kind is AnswerKind.RATING:
            self._pain_answered(int(value))
        else:
            self._yes_no_answered(question, bool(value))
        if self.verdict is None and self.answered >= self.total:
            self._finish()
        return self.verdict

    def _yes_no_answered(self, question: CheckQuestion, yes: bool) -> None:
        if question is texts.ASSESSED_QUESTION:
            self.record.emergency_assessed = yes
            if not yes:
                self._emergency("Emergency signs from the last check not yet assessed by a doctor.")
            return
        if question.id == texts.SETTLED_ID:
            self._settled(yes)
            return
        self.record.red_flags[question.id] = yes
        if not yes:
            return
        if question is texts.EMERGENCY_QUESTION:
            self._emergency(f"Emergency sign: {question.text}")
        elif question.id == texts.ANYTHING_NEW_ID:
            signs = plan.sign_questions(self.profile, first=self._previous is None)
            self._questions[self.answered : self.answered] = [texts.EMERGENCY_QUESTION, *signs]
        elif question.items:
            self._questions.insert(self.answered, texts.which_question(question))
            self.log(self.record, f"{texts.CHECK_QUESTION_TEXTS[question.id]} Yes (which not yet said).")

    def _which_answered(self, question: CheckQuestion, ticked: tuple[str, ...]) -> None:
        for item in question.items:
            self.record.red_flags[item.id] = item.id in ticked
        self._sign_block(ticked)

    def _sign_block(self, signs: Sequence[str], unsaid: bool = False) -> None:
        advice = advice_for(signs, cancer_history=self.profile.cancer_history)
        named = "; ".join(SIGNS[sign].text for sign in signs)
        moment = "emergency" if advice.urgent else "nerve-signs" if set(signs) & set(texts.LEG_IDS) else "blocked"
        lines = (texts.unsaid_sign(named), *advice.lines) if unsaid else advice.lines
        self._block(advice.title, lines, texts.sign_reason(advice.title, named, unsaid), advice.urgent, moment=moment)

    def _pain_answered(self, rating: int) -> None:
        self.record.pain_before = rating
        if rating >= SEVERE_PAIN_AT:
            if self.profile.aneurysm:
                self._sign_block(["aneurysm-pain"])
                return
            advice = texts.severe_pain_advice(rating)
            reason = texts.severe_pain_reason(rating)
            self._block(texts.SEVERE_PAIN_TITLE, advice, reason, offer=Offer.FLARE_UP, moment="severe-pain")
            return
        if rating >= CAUTION_PAIN_AT:
            self._caution(texts.PAIN_CAUTION_TITLE, texts.pain_caution_advice(rating), Offer.GENTLEST)
        flare = plan.next_day_flare(self._previous, rating)
        if flare is not None:
            self.record.next_day_flare = True
            self._caution(texts.FLARE_TITLE, flare, Offer.GENTLEST)

    def _settled(self, yes: bool) -> None:
        """The answer to the follow-up: has the pain from the last session settled."""
        self.record.previous_settled = yes
        if not yes:
            hours = self._previous.hours_ago if self._previous is not None else None
            self._caution(texts.NOT_SETTLED_TITLE, texts.not_settled_advice(hours), Offer.GENTLEST)

    def decide(self, go_on: bool) -> CheckVerdict:
        """After a caution: go on (the session starts) or not (logged as not started, which is no block)."""
        if self.verdict is None or self.verdict.kind is not VerdictKind.CAUTION:
            raise ValueError("there is no caution to decide on")
        if go_on:
            self.verdict = CheckVerdict(VerdictKind.GO, self.verdict.title, self.verdict.advice)
            self.closed = True
        else:
            self._not_started("")
            self.verdict = CheckVerdict(VerdictKind.NOT_STARTED, self.verdict.title, self.verdict.advice)
        return self.verdict

    def switch(self) -> CheckVerdict:
        """Take the routine the verdict offers instead of the one chosen."""
        verdict = self.verdict
        if verdict is None or verdict.offer is Offer.NONE:
            raise ValueError("there is nothing offered to switch to")
        if verdict.kind is VerdictKind.CAUTION:
            self._not_started(f" (took the {verdict.offer.value} routine instead)")
        self.verdict = CheckVerdict(VerdictKind.SWITCH, verdict.title, verdict.advice, offer=verdict.offer)
        return self.verdict

    def leave(self) -> CheckVerdict:
        """The user leaves (escape): before an outcome nothing is logged, unless a yes already blocked
        (then its most urgent sign's advice stands); at a caution it is a "no"."""
        pending = self.pending
        if self.verdict is None and pending is not None and pending.question.kind is AnswerKind.WHICH:
            worst = max(pending.question.items, key=lambda item: SIGNS[item.id].urgency)
            self._sign_block([worst.id], unsaid=True)
        elif self.verdict is None:
            self.verdict = CheckVerdict(VerdictKind.LEFT)
        elif self.verdict.kind is VerdictKind.CAUTION:
            self.decide(False)
        assert self.verdict is not None
        return self.verdict

    # outcomes ---------------------------------------------------------------------

    def _caution(self, title: str, advice: tuple[str, ...], offer: Offer = Offer.NONE, moment: str = "amber") -> None:
        self.cautions.append(CheckVerdict(VerdictKind.CAUTION, title, advice, offer=offer, moment=moment))

    def _finish(self) -> None:
        if self._gate is not None:
            title, advice, reason, offer, moment = self._gate
            self._block(title, advice, reason, offer=offer, moment=moment)
            return
        if not self.cautions:
            self.verdict = CheckVerdict(VerdictKind.GO, "Before you start" if self.notes else "", tuple(self.notes))
            return
        advice = tuple(line for caution in self.cautions for line in caution.advice) + tuple(self.notes)
        self.record.cautions = [caution.title for caution in self.cautions]
        offer = next((c.offer for c in self.cautions if c.offer is not Offer.NONE), Offer.NONE)
        title = self.cautions[0].title if len(self.cautions) == 1 else "Take care today"
        moment = next((c.moment for c in self.cautions if c.moment), "")
        self.verdict = CheckVerdict(VerdictKind.CAUTION, title, advice, offer=offer, moment=moment)

    def _not_started(self, how: str) -> None:
        titles = "; ".join(c.title for c in self.cautions)
        self.record.not_started_after_caution = True
        self.log(self.record, f"{texts.NOT_STARTED_REASON} {titles}{how}.")

    def _emergency(self, reason: str) -> None:
        advice = advice_for([CAUDA_EQUINA])
        self._block(advice.title, advice.lines, reason, urgent=True, moment="emergency")

    def _block(self, title: str, advice: tuple[str, ...], reason: str, urgent: bool = False, **more: Any) -> None:
        """Block with the offer and Learn moment in ``more``; logged at once."""
        self.verdict = CheckVerdict(VerdictKind.BLOCKED, title, advice, reason, urgent, **{"moment": "blocked", **more})
        self.log(self.record, reason)
