"""Function: the everyday activities a person's back makes hard, rated 0-10 once a week (the
Patient-Specific Functional Scale, Stratford et al. 1995), kept in one file of the data folder."""
