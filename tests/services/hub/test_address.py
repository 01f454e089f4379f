"""Hub addresses as people type them: mistakes are explained, the password never shown."""

import pytest

from bazaar_pos.services.hub.address import HubAddress, HubAddressError


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("postgresql://kasir:rahasia@192.168.1.10:54x2/toko", "not a hub address"),
        ("mysql://kasir@host/toko", "not a hub address"),
        ("postgresql://kasir:se@cret@host/toko", "write an @ in the password as %40"),
    ],
)
def test_a_mistyped_address_is_explained_and_shows_no_password(text, message):
    with pytest.raises(HubAddressError, match=message) as refused:
        HubAddress.parse(text)
    assert "rahasia" not in str(refused.value)
    assert "cret" not in str(refused.value)


def test_an_escaped_at_sign_in_the_password_is_kept_and_hidden():
    address = HubAddress.parse("postgresql://kasir:se%40cret@host:5432/toko?sslmode=require")
    assert address.password == "se@cret"
    assert address.shown() == "postgresql://kasir:***@host:5432/toko?sslmode=require"
