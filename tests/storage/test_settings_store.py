import pytest

from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services


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
