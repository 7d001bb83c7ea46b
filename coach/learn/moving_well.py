"""Cards on exercising comfortably: warming up, control, stretching with sense, lifting, posture."""

from __future__ import annotations

from coach.learn.model import Card
from coach.learn.sources import NICE_NG59, SEED_CRAMPS, SEED_STABILISE, SEED_STRETCH_RIGHT

MOVING_WELL = (
    Card(
        "warm-up",
        "Warm up first",
        (
            "Start with a few minutes of easy movement, such as a gentle walk, before you exercise.",
            "A warm-up gets the muscles ready for the work that follows.",
            "Save stretches for once you are warm, never the very first thing.",
        ),
        (SEED_CRAMPS, SEED_STABILISE),
    ),
    Card(
        "stabilise-first",
        "Stabilise before you stretch",
        (
            "Some sore backs move a lot at the lower back and little at the hips, and stretching the back adds more of the same.",
            "The bird dog shows it: on hands and knees, reach one arm forward and the other leg back, and watch your hips.",
            "If a hip turns or drops, that is simply something to practise: reach less far, or move one limb at a time.",
            "Gently firming the muscles around your trunk lets the back muscles relax, and stretches then feel easier.",
        ),
        (SEED_STRETCH_RIGHT, SEED_STABILISE),
    ),
    Card(
        "why-tight",
        "Stiff, or guarding?",
        (
            "Stiffness after sitting still for a long time, such as a long drive, usually eases with movement and a gentle stretch.",
            "After a flare-up the back muscles often tighten and guard for a while; that is normal, and it settles.",
            "If stretching a guarding back leaves it sorer, walk and use a light core brace for a few days, then bring the stretches back gently.",
            "Every kind of exercise can help back pain, stretching included: choose what suits you.",
        ),
        (SEED_STABILISE, NICE_NG59),
    ),
    Card(
        "dont-push",
        "More stretch is not better",
        (
            "Pushing a stretch further does not make it work any better.",
            "Taking a muscle past what it can manage, above all when it is already irritated, strains it and makes it tighten up in return.",
            "A stretch should feel mild and easy to hold while you breathe.",
            "If a session left you sorer, ease off: do a little less next time, then build up again.",
        ),
        (SEED_STRETCH_RIGHT,),
    ),
    Card(
        "lifting",
        "Lifting without worry",
        (
            "Lifting and carrying are everyday movements, and keeping them up is part of staying active.",
            "Bend your knees and let your legs, arms and chest share the work.",
            "Start with loads you manage easily and build up; split a load that is too heavy for you.",
        ),
        (SEED_CRAMPS, NICE_NG59),
    ),
    Card(
        "neutral-spine",
        "A neutral spine keeps its curves",
        (
            "Your spine has natural curves, and a neutral spine keeps them rather than pressing the back flat.",
            "Sitting or standing, let your hips, shoulders and ears line up, with your shoulders relaxed rather than rolled forward.",
            "Upright does not mean rigid: shift position often, and get up to walk a few steps between long spells of sitting.",
        ),
        (SEED_CRAMPS, SEED_STABILISE),
    ),
)
