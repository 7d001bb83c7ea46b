"""The documents the Learn cards rest on, each under the short key docs/sources.md uses for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A document a reader can look up by its title; ``file`` is set for the five seed documents."""

    key: str
    """How docs/sources.md and the routine files refer to it: ``002``, ``NG59``, ``NHS Back pain``."""
    title: str
    file: str = ""

    @property
    def citation(self) -> str:
        """The title as a card names it: a seed's heading in quotes, any other title as it is."""
        return f"“{self.title}”" if self.file else self.title


SEED_NO_CRACKING = Source("000", "Is It Safe to Crack Your Lower Back With a Partner?", "000_84b18329a5d00774.txt")
SEED_DECOMPRESSION = Source("001", "Is It Bad to Decompress Your Spine?", "001_2782d5a0639a4d26.txt")
SEED_STABILISE = Source(
    "002",
    "Why Stretching Might Be Bad for Lower Back Pain, Sciatica, and Herniated Discs",
    "002_938c41e1b65cdf95.txt",
)
SEED_STRETCH_RIGHT = Source(
    "003", "The Right Way to Stretch for Relief After Stretching Hurts Your Back", "003_1eb83e7e4533b963.txt"
)
SEED_CRAMPS = Source("004", "What Causes Back Cramps?", "004_e7d96563a60eeb5c.txt")

NICE_NG59 = Source("NG59", "NICE NG59: Low back pain and sciatica in over 16s")
NICE_CKS = Source("CKS", "NICE CKS: Back pain - low (without radiculopathy)")
NHS_BACK_PAIN = Source("NHS Back pain", "NHS: Back pain")
NHS_INFORM = Source("NHS inform", "NHS inform: New or worsening back pain")
NHS_PREGNANCY_BACK_PAIN = Source("NHS Back pain in pregnancy", "NHS: Back pain in pregnancy")
NHS_PREGNANCY_EXERCISE = Source("NHS Exercise in pregnancy", "NHS: Exercise in pregnancy")
GIRFT_CES_PATHWAY = Source("GIRFT CES pathway", "GIRFT: National suspected cauda equina syndrome pathway")
CES_CARD = Source("CES card", "UK cauda equina syndrome warning-sign card")

SEEDS = (SEED_NO_CRACKING, SEED_DECOMPRESSION, SEED_STABILISE, SEED_STRETCH_RIGHT, SEED_CRAMPS)
SOURCES = (
    *SEEDS,
    NICE_NG59,
    NICE_CKS,
    NHS_BACK_PAIN,
    NHS_INFORM,
    NHS_PREGNANCY_BACK_PAIN,
    NHS_PREGNANCY_EXERCISE,
    GIRFT_CES_PATHWAY,
    CES_CARD,
)
"""Every document a card or a bundled routine may cite."""
SOURCES_BY_KEY = {source.key: source for source in SOURCES}
SEED_TITLES = {seed.file: seed.title for seed in SEEDS}
"""Each seed file's own heading, so a card can name what a reader would look for."""
