"""Settings: what is in force, changed one at a time or all together, and today's date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.clients import list_clients
from boundary_desk.services.settings import (
    change_impact,
    effective_values,
    practice,
    save_setting,
    save_settings,
    today_in_practice,
)


def test_every_setting_has_a_value_in_force(services: Services) -> None:
    values = effective_values(services)
    assert list(values) == [spec.key for spec in SETTINGS]
    assert values == {spec.key: spec.default for spec in SETTINGS}


def test_a_setting_is_kept_in_its_canonical_form(services: Services) -> None:
    kept = save_setting(services, "timezone", " America/Toronto ")
    assert kept == "America/Toronto"
    assert effective_values(services)["timezone"] == kept
    assert practice(services).timezone.key == "America/Toronto"


def test_one_refused_change_keeps_none_of_them(services: Services) -> None:
    before = effective_values(services)
    with pytest.raises(InvalidInput):
        save_settings(services, {"clinician": "Dr Ana Brown", "timezone": "Nowhere/Atlantis"})
    assert effective_values(services) == before


def test_an_unknown_setting_is_refused(services: Services) -> None:
    with pytest.raises(InvalidInput):
        save_setting(services, "colour", "blue")
    assert services.settings.values() == {}


def test_today_is_the_practices_date(services: Services) -> None:
    late_in_utc = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    assert today_in_practice(services, late_in_utc) == date(2026, 11, 21)
    save_setting(services, "timezone", "America/Toronto")
    assert today_in_practice(services, late_in_utc) == date(2026, 11, 20)  # 22:00 the day before


# -- what a change re-judges ----------------------------------------------------------------

TORONTO = ZoneInfo("America/Toronto")


def logged_at(services: Services, *moments: datetime) -> None:
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    for moment in moments:
        services.events.add(
            ContactEvent(
                client_id=client.id or 0,
                kind=EventKind.CONTACT,
                occurred_at=moment,
                channel=ContactChannel.TEXT,
                direction=Direction.IN,
                summary="Asked to move Tuesday",
            ),
            [],
        )


def test_new_hours_say_how_many_entries_change_before_anything_is_kept(
    services: Services,
) -> None:
    save_settings(services, {"timezone": "America/Toronto", "hours": "mon-fri 09:00-17:00"})
    logged_at(
        services,
        datetime(2026, 11, 23, 18, 0, tzinfo=TORONTO),  # Monday 18:00: after hours until now
        datetime(2026, 11, 24, 18, 30, tzinfo=TORONTO),  # Tuesday 18:30
        datetime(2026, 11, 27, 15, 0, tzinfo=TORONTO),  # Friday 15:00: in hours until now
        datetime(2026, 11, 25, 10, 0, tzinfo=TORONTO),  # Wednesday 10:00: unchanged
    )
    before = services.settings.values()

    impact = change_impact(
        services, {"hours": "mon-thu 09:00-19:00; fri 09:00-13:00", "clinician": "Dr Ana"}
    )

    assert impact is not None
    assert (impact.checked, impact.become_after_hours, impact.no_longer_after_hours) == (4, 1, 2)
    assert impact.sentence() == (
        "3 entries will be re-judged against the new hours: 1 becomes after hours and "
        "2 are no longer after hours."
    )
    assert services.settings.values() == before  # only asked, nothing kept


def test_a_new_time_zone_is_named_in_the_sentence(services: Services) -> None:
    logged_at(services, datetime(2026, 11, 23, 15, 0, tzinfo=UTC))  # 10:00 in Toronto
    impact = change_impact(services, {"timezone": "america/toronto"})
    assert impact is not None and impact.keys == ("timezone",)
    assert impact.sentence() == (
        "1 entry will be re-judged against the new time zone: 1 becomes after hours."
        if impact.become_after_hours
        else "The one entry logged keeps its after-hours verdict against the new time zone."
    )


def test_no_judging_setting_changed_means_nothing_to_say(services: Services) -> None:
    save_setting(services, "region", "CA-ON")
    assert change_impact(services, {"clinician": "Dr Ana", "region": "ca-on"}) is None


def test_an_empty_vault_says_there_is_nothing_to_re_judge(services: Services) -> None:
    impact = change_impact(services, {"region": "IL", "hours": "mon-thu, sun 08:00-16:00"})
    assert impact is not None
    assert impact.sentence() == (
        "No entries are logged yet, so none is re-judged against the new hours and "
        "region's holidays."
    )


def test_a_refused_value_is_refused_when_asking_too(services: Services) -> None:
    with pytest.raises(InvalidInput, match="Working hours must look like"):
        change_impact(services, {"hours": "whenever"})
    assert services.settings.values() == {}


def test_a_region_can_be_given_by_its_name(services: Services) -> None:
    assert save_setting(services, "region", "ontario, canada") == "CA-ON"
    impact = change_impact(services, {"region": "Israel"})
    assert impact is not None and impact.keys == ("region",)
    assert save_settings(services, {"region": "England, United Kingdom"}) == {"region": "GB-ENG"}


# -- phone numbers read again in a new country --------------------------------------------


def add_phones(services: Services) -> None:
    """Four clients in Ontario: numbers typed with and without a country code."""
    from boundary_desk.domain.clients import ContactHandle, HandleKind

    save_setting(services, "region", "CA-ON")
    typed = {
        "AL1": ("Ana Lima", "416-555-0142"),  # a Toronto number, typed locally
        "JE3": ("Jordan Ellis", "020 7946 0958"),  # a London number, typed locally
        "MR2": ("Mo Roy", "+1 905 555 0100"),  # its own country code: read the same anywhere
        "TF4": ("Tess Fox", "1-800-555-0199"),  # no number at all in the United Kingdom
    }
    for code, (name, number) in typed.items():
        phone = ContactHandle(HandleKind.PHONE, number)
        services.clients.add(Client(code=code, display_name=name, handles=(phone,)))


def numbers_by_code(services: Services) -> dict[str, str]:
    return {c.code: c.handles[0].number for c in services.clients.list(include_archived=True)}


def test_a_new_country_says_which_numbers_are_read_again_before_anything_changes(
    services: Services,
) -> None:
    add_phones(services)
    before = numbers_by_code(services)
    assert before == {
        "AL1": "+14165550142",
        "JE3": "",  # not a Canadian number: kept as typed only
        "MR2": "+19055550100",
        "TF4": "+18005550199",
    }

    impact = change_impact(services, {"region": "England, United Kingdom"})

    assert impact is not None and impact.numbers_read == 3 and impact.asks_first
    assert impact.sentence() == (
        "No entries are logged yet, so none is re-judged against the new region's holidays. "
        "3 phone numbers typed without a country code will be read as +44 (United Kingdom) "
        "numbers. 1 of them can't be read there; it is kept as typed but won't be matched as "
        "a number: TF4."
    )
    assert "Tess" not in impact.sentence()  # clients by code, never by name
    assert numbers_by_code(services) == before  # only asked


def test_a_new_country_reads_the_numbers_again_when_it_is_kept(services: Services) -> None:
    add_phones(services)
    archived = services.clients.find("JE3")
    assert archived.id is not None
    services.clients.set_archived(archived.id, True)  # archived clients' numbers too

    save_setting(services, "region", "GB-ENG")

    assert numbers_by_code(services) == {
        "AL1": "+444165550142",
        "JE3": "+442079460958",
        "MR2": "+19055550100",
        "TF4": "",  # kept as typed, no longer matched as a number
    }
    assert services.clients.find("TF4").handles[0].value == "1-800-555-0199"
    found = list_clients(services, "+44 20 7946 0958", include_archived=True)
    assert [c.code for c in found] == ["JE3"]
    assert [c.code for c in list_clients(services, "+1 416 555 0142")] == []
    assert [c.code for c in list_clients(services, "1-800-555-0199")] == ["TF4"]  # by digits


def test_a_region_in_the_same_country_reads_no_number_again(services: Services) -> None:
    add_phones(services)
    before = numbers_by_code(services)
    impact = change_impact(services, {"region": "British Columbia, Canada"})
    assert impact is not None and impact.numbers is None and not impact.asks_first
    save_setting(services, "region", "CA-BC")
    assert numbers_by_code(services) == before


def test_a_refused_change_alongside_reads_no_number_again(services: Services) -> None:
    add_phones(services)
    before = numbers_by_code(services)
    with pytest.raises(InvalidInput):
        save_settings(services, {"region": "GB-ENG", "hours": "whenever"})
    assert numbers_by_code(services) == before
    assert practice(services).region.country == "CA"


def test_numbers_and_region_are_kept_together_or_not_at_all(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_phones(services)
    before = numbers_by_code(services)

    def fails(*_args: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(services.clients, "keep_numbers", fails)
    with pytest.raises(RuntimeError):
        save_setting(services, "region", "GB-ENG")
    assert practice(services).region.country == "CA"
    assert numbers_by_code(services) == before
