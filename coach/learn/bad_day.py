"""Cards for a day when the back has flared up: the plan, positions of ease, medicines, sleep, heat."""

from __future__ import annotations

from coach.learn.model import Card
from coach.learn.sources import NHS_BACK_PAIN, NHS_INFORM, NICE_CKS, NICE_NG59, SEED_CRAMPS

BAD_DAY = (
    Card(
        "flare-up",
        "A flare-up plan",
        (
            "Flare-ups are common and usually settle within days to a few weeks; one does not mean your back is getting worse.",
            "Ease off exercise today, but keep gently moving about; avoid bed rest.",
            "Find a position of ease: on your back with your lower legs on a chair seat, or on your side with a pillow between your knees.",
            "Get up for a short, slow walk every hour or so; the flare-up plan on the home screen takes you through all of this.",
            "If this pain is new, unlike your usual, or nothing eases it, see a doctor or physiotherapist today.",
        ),
        (NICE_CKS, NHS_BACK_PAIN, NHS_INFORM),
    ),
    Card(
        "medicines",
        "Medicines for a bad spell",
        (
            "Anti-inflammatory tablets such as ibuprofen can ease back pain, if they are safe for you.",
            "Take the lowest dose that helps, for the shortest time, and not in pregnancy.",
            "Ask a pharmacist first if you have a stomach, kidney or heart problem or asthma, take other medicines, or are 65 or over.",
            "Paracetamol on its own is not recommended for back pain, as it does little for it.",
            "A medicine is there to help you keep moving, not a reason to do less.",
        ),
        (NICE_NG59, NICE_CKS, NHS_BACK_PAIN),
    ),
    Card(
        "sleep",
        "Sleeping with a sore back",
        (
            "Lying on your side, put a pillow between your knees; lying on your back, put a pillow or two under them.",
            "To turn over, bend your knees and roll your whole body at once, shoulders and hips together.",
            "To get up, roll onto your side at the edge of the bed, let your feet go down as you push up with your arms, and sit a moment before standing.",
            "Pain at night that no position eases is worth telling a doctor about within a few days.",
        ),
        (NHS_BACK_PAIN, NHS_INFORM, NICE_CKS),
    ),
    Card(
        "floor",
        "Down to the floor and up again",
        (
            "Getting down: hold a sturdy chair, kneel on one knee and then the other, put your hands on the floor and lower yourself onto one side.",
            "Then roll onto your back in one piece, knees bent, shoulders and hips turning together.",
            "Getting up: roll onto your side with your knees bent, push up onto your hands and knees, and crawl to the chair.",
            "Put your hands on the seat, bring one foot forward flat on the floor, and push up with your legs and arms.",
            "Take your time; if you still cannot get up, call someone to help, or phone your doctor or a health helpline.",
        ),
        (NHS_INFORM,),
    ),
    Card(
        "heat",
        "Heat for a cramping back",
        (
            "Warmth often eases a back cramp: a heating pad, a warm bath or a hot shower helps tight muscles relax.",
            "Massage that works out knots can help too.",
            "Keep it warm rather than hot, with a layer between a heating pad and your skin, and do not fall asleep on one: heat can burn.",
            "If the pain does not feel like it comes from a muscle, ask a doctor to check it.",
        ),
        (SEED_CRAMPS,),
    ),
)
