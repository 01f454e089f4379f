"""QRIS payloads (EMVCo merchant-presented QR): validation and putting the sale amount in.

A payload is a run of text objects ``ID`` (2 digits) ``LEN`` (2 digits) ``VALUE``.
Object 00 comes first, the CRC (63, CRC-16/CCITT-FALSE over everything up to
and including ``6304``) comes last. A static sticker has 01 = ``11``; with the
amount in object 54 it becomes a one-sale code with 01 = ``12``. Fee objects
55-57 are never added: Bank Indonesia forbids passing the fee to the buyer.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

MAX_LENGTH = 512
MAX_AMOUNT_IDR = 10_000_000
FEE_TAGS = ("55", "56", "57")
REQUIRED_TAGS = ("00", "52", "53", "58", "59", "60", "63")
MERCHANT_ACCOUNT_TAGS = range(26, 52)
QRIS_GUID = "ID.CO.QRIS.WWW"


class QrisError(ValueError):
    """The text is not a valid QRIS payload, or the amount cannot be put in it."""


@dataclass(frozen=True, slots=True)
class QrisMerchant:
    """What a payload says about the merchant, for the owner to confirm."""

    name: str
    city: str
    nmid: str
    static: bool


def crc16(text: str) -> str:
    """The CRC-16/CCITT-FALSE of ``text`` as four upper-case hex digits."""
    return f"{binascii.crc_hqx(text.encode('utf-8'), 0xFFFF):04X}"


def parse_objects(text: str) -> list[tuple[str, str]]:
    """Split TLV text into (id, value) pairs; raise QrisError if it does not parse exactly."""
    objects, position = [], 0
    while position < len(text):
        tag, length = text[position : position + 2], text[position + 2 : position + 4]
        if len(length) < 2 or not (tag.isdigit() and length.isdigit()):
            raise QrisError(f"malformed object at character {position}")
        end = position + 4 + int(length)
        if end > len(text):
            raise QrisError(f"object {tag} runs past the end")
        objects.append((tag, text[position + 4 : end]))
        position = end
    return objects


def _join(objects: list[tuple[str, str]]) -> str:
    return "".join(f"{tag}{len(value):02d}{value}" for tag, value in objects)


def validate(payload: str) -> list[tuple[str, str]]:
    """Check a payload's structure and CRC and return its objects; raise QrisError if invalid."""
    payload = payload.strip()
    if not payload.startswith("000201"):
        raise QrisError("a QRIS payload starts with 000201")
    if len(payload) > MAX_LENGTH:
        raise QrisError(f"a QRIS payload has at most {MAX_LENGTH} characters")
    objects = parse_objects(payload)
    tags = [tag for tag, _value in objects]
    if tags[-1] != "63" or len(objects[-1][1]) != 4:
        raise QrisError("the last object must be the CRC (63)")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise QrisError("the CRC does not match: the payload was changed or mistyped")
    if len(set(tags)) != len(tags):
        raise QrisError("an object appears twice")
    missing = [tag for tag in REQUIRED_TAGS if tag not in tags]
    if missing:
        raise QrisError(f"missing objects: {', '.join(missing)}")
    values = dict(objects)
    if values.get("01", "11") not in ("11", "12"):
        raise QrisError("object 01 must be 11 (static) or 12 (one sale)")
    if values["53"] != "360" or values["58"] != "ID":
        raise QrisError("a QRIS payload is in rupiah (53 = 360) for Indonesia (58 = ID)")
    accounts = [tag for tag in tags if int(tag) in MERCHANT_ACCOUNT_TAGS]
    if not accounts:
        raise QrisError("no merchant account (objects 26-51)")
    for tag in accounts:
        parse_objects(values[tag])
    return objects


def with_amount(payload: str, amount: int) -> str:
    """Return the payload as a one-sale QRIS carrying ``amount`` rupiah.

    Sets object 01 to ``12``, puts the amount in object 54 (replacing any),
    keeps the objects in ascending order, drops fee objects 55-57 and
    recomputes the CRC. Raises QrisError (a ValueError) for an invalid payload
    or an amount that is not a whole number from 1 to Rp10.000.000.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise QrisError("the amount must be a whole number of rupiah above zero")
    if amount > MAX_AMOUNT_IDR:
        raise QrisError("QRIS allows at most Rp10.000.000 per payment")
    objects = {tag: value for tag, value in validate(payload) if tag not in ("54", "63", *FEE_TAGS)}
    objects["01"] = "12"
    objects["54"] = str(amount)
    ordered = [("00", objects.pop("00")), *sorted(objects.items())]
    body = _join(ordered) + "6304"
    return body + crc16(body)


def merchant_of(payload: str) -> QrisMerchant:
    """Read the merchant's name, city and NMID from a valid payload."""
    values = dict(validate(payload))
    nmid = ""
    for tag in MERCHANT_ACCOUNT_TAGS:
        template = dict(parse_objects(values.get(f"{tag:02d}", "")))
        if template.get("00") == QRIS_GUID:
            nmid = template.get("02", "")
    return QrisMerchant(values["59"], values["60"], nmid, values.get("01", "11") == "11")
