import pytest

from boundary_desk.storage.keys import wrap as key_wrap
from tests.conftest import FAST_COST


def test_passphrase_wrap_round_trip_and_wrong_passphrase() -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_passphrase(key, "open sesame please", b"aad", FAST_COST)
    assert key_wrap.unwrap(wrap, "open sesame please", b"aad") == key
    with pytest.raises(key_wrap.UnwrapFailed):
        key_wrap.unwrap(wrap, "open sesame pleasE", b"aad")


def test_wrap_records_its_cost_and_never_the_key() -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_passphrase(key, "open sesame please", b"aad", FAST_COST)
    assert wrap["kdf"] == "argon2id"
    assert wrap["memory_kib"] == FAST_COST.memory_kib
    assert key.hex() not in repr(wrap)


def test_default_cost_is_rfc9106_second_recommendation() -> None:
    assert key_wrap.Argon2Cost(65536, 3, 4) == key_wrap.DEFAULT_COST


def test_a_wrap_moved_to_another_purpose_or_vault_fails() -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_secret(key, b"s" * 20, b"vault-1/recovery")
    assert key_wrap.unwrap(wrap, b"s" * 20, b"vault-1/recovery") == key
    with pytest.raises(key_wrap.UnwrapFailed):
        key_wrap.unwrap(wrap, b"s" * 20, b"vault-2/recovery")


@pytest.mark.parametrize(
    "damage",
    [
        lambda w: w.pop("nonce"),
        lambda w: w.update(ciphertext="!!notbase64!!"),
        lambda w: w.update(kdf="rot13"),
        lambda w: w.update(ciphertext=w["ciphertext"][:-4] + "AAA="),
        lambda w: w.update(nonce=w["nonce"][:8]),
        lambda w: w.update(salt=None),
    ],
)
def test_a_structurally_damaged_wrap_is_damage_not_a_wrong_secret(damage) -> None:  # type: ignore[no-untyped-def]
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_secret(key, b"s" * 20, b"a")
    damage(wrap)
    with pytest.raises(key_wrap.WrapDamaged, match="damaged"):
        key_wrap.unwrap(wrap, b"s" * 20, b"a")


def test_altered_ciphertext_of_the_right_shape_is_indistinguishable_from_a_wrong_secret() -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_secret(key, b"s" * 20, b"a")
    wrap["ciphertext"] = (
        "A" + wrap["ciphertext"][1:]
        if wrap["ciphertext"][0] != "A"
        else ("B" + wrap["ciphertext"][1:])
    )
    with pytest.raises(key_wrap.UnwrapFailed):
        key_wrap.unwrap(wrap, b"s" * 20, b"a")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("iterations", 10_000_000),
        ("iterations", 0),
        ("memory_kib", 1 << 40),
        ("lanes", 100_000),
        ("iterations", 3.0),
        ("iterations", "3"),
        ("memory_kib", True),
    ],
)
def test_out_of_range_key_stretching_is_refused_at_once_as_damage(
    field: str, value: object
) -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_passphrase(key, "open sesame please", b"aad", FAST_COST)
    wrap[field] = value
    with pytest.raises(key_wrap.WrapDamaged, match="out of range"):
        key_wrap.unwrap(wrap, "open sesame please", b"aad")


def test_secret_type_must_match_the_wrap() -> None:
    key = key_wrap.new_vault_key()
    wrap = key_wrap.wrap_with_secret(key, b"s" * 20, b"a")
    with pytest.raises(key_wrap.WrapDamaged):
        key_wrap.unwrap(wrap, "s" * 20, b"a")
