"""The three consent states an audit visits a site in, in the order it visits them."""

NO_CHOICE = "no choice"
REJECTED = "reject all"
ACCEPTED = "accept all"
STATES = (NO_CHOICE, REJECTED, ACCEPTED)
