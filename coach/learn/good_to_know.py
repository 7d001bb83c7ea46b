"""Cards that reassure: what back pain is, what helps it, what is not needed (NICE NG59, CKS, NHS)."""

from __future__ import annotations

from coach.learn.model import Card
from coach.learn.sources import (
    NHS_BACK_PAIN,
    NHS_PREGNANCY_BACK_PAIN,
    NHS_PREGNANCY_EXERCISE,
    NICE_CKS,
    NICE_NG59,
)

GOOD_TO_KNOW = (
    Card(
        "hurt-not-harm",
        "Hurt does not mean harm",
        (
            "Back pain is very common, and it is rarely a sign of anything serious.",
            "Most episodes get much better within a few weeks, even when the pain is strong at the start.",
            "Pain tells you the back is sensitive for now, not that moving is harming it: moving with some discomfort is safe.",
            "If something stirs the pain up, ease off a little and build up again more gradually rather than stopping.",
        ),
        (NICE_CKS, NHS_BACK_PAIN),
    ),
    Card(
        "stay-active",
        "Keep moving, keep going",
        (
            "Staying active helps a sore back recover, so carry on with your day as far as you can, at a gentler pace if you need to.",
            "Long spells in bed slow recovery: get up and move about a little every hour or so.",
            "Keep working if you can, or go back as soon as you are able; you do not have to be free of pain first.",
            "Lighter duties or shorter days for a while can help, so it is worth talking to your employer.",
            "Any exercise you enjoy helps: walking, swimming, stretching, strengthening, yoga or pilates.",
        ),
        (NICE_NG59, NICE_CKS, NHS_BACK_PAIN),
    ),
    Card(
        "scans",
        "Scans are rarely needed",
        (
            "Most back pain does not need an X-ray or an MRI scan, because the picture would not change what helps.",
            "What helps is the same with or without one: staying active, exercise, and time.",
            "A doctor arranges a scan when they suspect a serious cause, or when the result could change your treatment.",
        ),
        (NICE_NG59, NICE_CKS),
    ),
    Card(
        "pregnancy",
        "Back pain in pregnancy",
        (
            "Back pain is common in pregnancy, and gentle exercise such as walking or swimming still helps.",
            "After about 16 weeks, do lying exercises on your side or propped up, not flat on your back for long.",
            "In bed, lie on your side with a pillow between your knees, and another under your bump if that feels better.",
            "Call your midwife or maternity unit now if the pain comes and goes in a rhythm, or with bleeding or fluid from the vagina.",
            "Ask a pharmacist or midwife before any painkiller: anti-inflammatory tablets such as ibuprofen are not for pregnancy.",
        ),
        (NHS_PREGNANCY_BACK_PAIN, NHS_PREGNANCY_EXERCISE, NHS_BACK_PAIN),
    ),
)
