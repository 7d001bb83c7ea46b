"""Today's dose (flow 11): a routine's dose moves in levels worked out from the logs alone, so there
is no stored state to corrupt; each level, its bounds, and the reason in one sentence."""
