import re

import pytest

from boundary_desk.storage.errors import MalformedRecoveryKey
from boundary_desk.storage.keys.recovery_key import (
    new_recovery_key,
    normalise_recovery_key,
    recovery_key_secret,
)

SHAPE = re.compile(r"^([A-Z2-7]{4}-){8}[A-Z2-7]{4}$")


def test_new_keys_are_grouped_base32_and_unique() -> None:
    keys = {new_recovery_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(SHAPE.match(k) for k in keys)


def test_secret_is_160_bits_and_stable_under_typing_variations() -> None:
    key = new_recovery_key()
    sloppy = key.lower().replace("-", " ")
    assert recovery_key_secret(sloppy) == recovery_key_secret(key)
    assert len(recovery_key_secret(key)) == 20


def test_lookalike_digits_are_read_as_letters() -> None:
    key = new_recovery_key()
    typed = key.replace("O", "0").replace("I", "1").replace("B", "8")
    assert normalise_recovery_key(typed) == key


def test_a_single_typo_is_caught_by_the_checksum() -> None:
    key = new_recovery_key()
    first = key[0]
    typo = ("A" if first != "A" else "C") + key[1:]
    with pytest.raises(MalformedRecoveryKey, match="typo"):
        normalise_recovery_key(typo)


@pytest.mark.parametrize("text", ["", "ABCD-EFGH", "x" * 200])
def test_wrong_length_says_how_long_a_key_is(text: str) -> None:
    with pytest.raises(MalformedRecoveryKey, match="36 letters and digits"):
        normalise_recovery_key(text)


def test_characters_outside_base32_are_refused() -> None:
    with pytest.raises(MalformedRecoveryKey, match="A–Z and the digits 2–7"):
        normalise_recovery_key("9" * 36)
