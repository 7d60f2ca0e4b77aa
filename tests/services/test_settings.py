"""Settings: what is in force, changed one at a time or all together, and today's date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.settings import (
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
