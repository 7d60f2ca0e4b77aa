import pytest

from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation


def test_defaults_apply_until_set(services: Services) -> None:
    settings = services.settings.load()
    assert settings.autolock_minutes == 10
    assert services.settings.values() == {}


def test_values_are_stored_in_canonical_form(services: Services) -> None:
    stored = services.settings.set("hours", "Mon-Thu 9:00-17:00; fri 09:00-13:00")
    assert stored == "mon-thu 09:00-17:00; fri 09:00-13:00"
    assert services.settings.values() == {"hours": stored}
    assert services.settings.load().hours.is_working_time is not None


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("autolock", "0", "1 to 240"),
        ("timezone", "Mars/Olympus", "time zone"),
        ("hours", "whenever", "mon-thu 09:00-17:00"),
        ("region", "XX", "region"),
        ("review", "someday", "fri 16:00"),
        ("favourite_colour", "blue", "clinician"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_stored(
    services: Services, key: str, value: str, message: str
) -> None:
    services.settings.set("clinician", "Dr. Rivera")
    with pytest.raises(InvalidInput) as caught:
        services.settings.set_many({"practice": "Harbour Counselling", key: value})
    assert message.lower() in caught.value.message.lower()
    assert services.settings.values() == {"clinician": "Dr. Rivera"}


def test_crisis_defaults_follow_the_region(services: Services) -> None:
    services.settings.set("region", "CA-ON")
    numbers = {r.number for r in services.settings.load().crisis}
    assert "988" in numbers


def test_the_settings_are_parsed_again_only_when_their_rows_change(
    services: Services, location: VaultLocation
) -> None:
    services.settings.set("timezone", "America/Toronto")
    first = services.settings.load()
    assert services.settings.load() is first  # the same rows: the same reading

    services.settings.set("autolock", "30")
    changed = services.settings.load()
    assert changed is not first and changed.autolock_minutes == 30

    # Another window or a command changes them: the rows are read every time.
    other = Services.open(location.unlock())
    try:
        other.settings.set("autolock", "45")
    finally:
        other.close()
    assert services.settings.load().autolock_minutes == 45


def test_a_damaged_stored_setting_is_refused_at_every_read(services: Services) -> None:
    services.vault.conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('timezone', 'Mars/Olympus', '')"
    )
    for _ in range(2):  # a refusal is never kept as if it were a reading
        with pytest.raises(InvalidInput, match="time zone"):
            services.settings.load()
