"""Short references for callback requests, easy to read aloud over the phone: CB-7K3P."""

import secrets

# No look-alikes: no 0/O/D/Q, 1/I/L/J, 2/Z, 5/S, 6/G, 8/B, U/V.
ALPHABET = "34679ACEFHKMNPRTWXY"
LENGTH = 4
PREFIX = "CB-"


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
