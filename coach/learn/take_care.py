"""Cards on what is best avoided, and on when to get help (the one card that names warning signs)."""

from __future__ import annotations

from coach.learn.model import Card
from coach.learn.sources import (
    CES_CARD,
    GIRFT_CES_PATHWAY,
    NICE_CKS,
    NICE_NG59,
    SEED_DECOMPRESSION,
    SEED_NO_CRACKING,
)

BEST_AVOIDED = (
    Card(
        "no-cracking",
        "No cracking, no forced twisting",
        (
            "The click or pop a back sometimes makes is only a gas bubble forming in the fluid of a joint, and the noise itself is harmless.",
            "Having someone crack your back is another matter: an untrained person cannot judge how hard to push or in which direction.",
            "A sudden forced twist can strain muscles and ligaments, or push on a disc so that it presses on a nerve and sends pain down a leg.",
            "Twisting your own back until it pops, again and again, can loosen the ligaments that steady the spine.",
            "Gentle movement you control yourself is the better way to ease tension.",
        ),
        (SEED_NO_CRACKING, SEED_DECOMPRESSION),
    ),
    Card(
        "traction-devices",
        "Skip traction, belts and insoles",
        (
            "Inversion tables and traction devices hung over a door pull on the spine without anyone first finding out what causes your pain.",
            "NICE advises against traction for low back pain, and against back belts, corsets and shoe insoles too.",
            "Traction is also not for anyone with severe osteoporosis, a spinal fracture or instability, a spinal tumour or infection, an aortic aneurysm, or in pregnancy.",
            "Movement you control yourself, such as walking and the routines here, helps more.",
        ),
        (SEED_DECOMPRESSION, NICE_NG59),
    ),
    Card(
        "relief-can-hide",
        "Relief can hide a serious cause",
        (
            "Feeling better after cracking or pulling on your own back does not mean the cause has gone.",
            "Brief relief can cover up a rare but serious problem, such as a tumour or an infection, and delay the care it needs.",
            "Forcing a back whose problem no one has diagnosed can also make that problem worse.",
        ),
        (SEED_DECOMPRESSION, NICE_CKS),
    ),
)

GETTING_HELP = (
    Card(
        "see-a-professional",
        "When to see a professional",
        (
            "Any of the next four signs needs emergency help now: go to an emergency department or call emergency services (999 in the UK).",
            "Numbness or a changed feeling around your groin, genitals, back passage, buttocks or inner thighs, also when you wipe.",
            "Difficulty passing urine, not feeling it pass or not knowing when your bladder is full, or losing control of your bladder or bowels.",
            "Loss of sexual sensation or function.",
            "Numbness, weakness or pain in both legs.",
            "These can be signs of cauda equina syndrome, which needs treatment within hours.",
            "See a doctor today if a foot catches or slaps as you walk, one leg is getting weaker, or you have a fever with new or worse back pain.",
            "See a doctor within a few days for new pain or numbness shooting down one leg.",
            "See a physiotherapist or doctor if the pain is severe, or has not begun to ease after a few weeks of looking after it yourself.",
        ),
        (GIRFT_CES_PATHWAY, CES_CARD, NICE_CKS, SEED_NO_CRACKING),
        red_flag=True,
    ),
)
