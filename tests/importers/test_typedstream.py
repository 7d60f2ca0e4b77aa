"""The text of a Messages `attributedBody`, from the real archived blobs and from noise."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boundary_desk.importers.typedstream import NotAttributedText, attributed_text
from tests.importers.imessage_files import typedstream
from tests.importers.samples import params


def _blob_text(blob: bytes) -> str:
    """An independent look at the bytes: the NSString's value follows its "+" type."""
    start = blob.index(b"NSString")
    at = blob.index(b"\x84\x01+", start) + 3
    length = blob[at]
    if length == 0x81:
        length, at = int.from_bytes(blob[at + 1 : at + 3], "little"), at + 3
    else:
        at += 1
    return blob[at : at + length].decode("utf-8")


@pytest.mark.parametrize("sample", params("imessage", "*typedstream_*.bin"))
def test_every_real_attributed_body_decodes_to_the_text_its_bytes_hold(sample: Path) -> None:
    blob = sample.read_bytes()
    assert attributed_text(blob) == _blob_text(blob)


def test_the_real_blobs_hold_the_words_known_to_be_in_them() -> None:
    assert attributed_text(typedstream("AttributedBodyTextOnly")) == "Noter test"
    assert attributed_text(typedstream("AttributedBodyTextOnly2")) == "Test 3"
    assert attributed_text(typedstream("Blank")) == ""
    assert attributed_text(typedstream("Email")) == "asdfghjklq@gmail.com might work"
    assert attributed_text(typedstream("PhoneNumber")) == "What about 0000000000"
    assert attributed_text(typedstream("MultiPart")) == "\ufffctest 1\ufffctest 2 \ufffctest 3"
    long = attributed_text(typedstream("LongMessage"))
    assert long.startswith("Sed nibh velit") and len(long.encode()) == 0x0937


@pytest.mark.parametrize(
    "blob",
    [b"", b"\x04\x0bstreamtyped", b"\x04\x0bstreamtypes\x81\xe8\x03", b"bplist00\x00\x01"],
)
def test_what_is_not_an_archived_string_is_refused_without_naming_its_bytes(blob: bytes) -> None:
    with pytest.raises(NotAttributedText) as refused:
        attributed_text(blob)
    assert "stream" not in str(refused.value)


def test_a_cut_blob_is_refused_at_every_length() -> None:
    blob = typedstream("Email")
    end = blob.index(b"might work") + len(b"might work")
    for cut in range(end):
        with pytest.raises(NotAttributedText):
            attributed_text(blob[:cut])
    assert attributed_text(blob[:end]) == "asdfghjklq@gmail.com might work"


@settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=300))
def test_any_bytes_decode_to_text_or_are_refused(noise: bytes, at: int) -> None:
    blob = typedstream("AttributedBodyTextOnly")
    for candidate in (noise, blob[:at] + noise, blob[:at] + noise + blob[at:]):
        with contextlib.suppress(NotAttributedText):
            assert isinstance(attributed_text(candidate), str)
