"""PINs hashed with scrypt: a random salt per PIN, the parameters kept with the key.

A stored hash reads ``scrypt$n=131072,r=8,p=1$<salt>$<key>`` (base64), so the
cost can be raised later and old hashes still verify. The PIN itself is never
stored. A 4-6 digit PIN can still be found offline by anyone who copies the
database file; the lockout after wrong PINs is what protects it in the app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 256 * 1024 * 1024
"""OpenSSL refuses n=2**17 under its default 32 MiB cap; the work needs 128 MiB."""
KEY_BYTES = 32
SALT_BYTES = 16
SCHEME = "scrypt"


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin`` with its parameters, to store."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    params = f"n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}"
    return "$".join((SCHEME, params, _b64(salt), _b64(key)))


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN behind ``stored``, compared in constant time."""
    try:
        scheme, params, salt_text, key_text = stored.split("$")
        values = dict(item.split("=") for item in params.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, key = base64.b64decode(salt_text), base64.b64decode(key_text)
    except (ValueError, KeyError):
        return False
    if scheme != SCHEME:
        return False
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p, len(key)), key)


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with weaker parameters than today's."""
    return not stored.startswith(f"{SCHEME}$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}$")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int = KEY_BYTES) -> bytes:
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=length
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
