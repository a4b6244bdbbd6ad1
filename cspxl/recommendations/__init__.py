"""Recommendations of reviews (domestic homicide reviews, scrutiny, the PCC): where each stands, the board's
sign-off, and a review's action plan."""
