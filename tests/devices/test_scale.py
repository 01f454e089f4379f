"""Counter scales played by a pseudo-terminal: Toledo 8217 request and answer, continuous output."""

import pytest

from bazaar_pos.devices.scale import ScaleOverload, ScaleProtocol, UnstableWeight, read_weight
from bazaar_pos.devices.serial_line import DeviceError, SerialLine
from tests.helpers.serial_peer import serial_peer

TOLEDO, CONTINUOUS = ScaleProtocol.TOLEDO_8217, ScaleProtocol.CONTINUOUS


def toledo(reply: bytes):
    """A Toledo 8217 scale that answers ``W`` with ``reply`` and ignores anything else."""
    return lambda request: reply if request == b"W" else None


@pytest.mark.parametrize(
    ("reply", "grams"),
    [
        (b"\x02001.250\r", 1250),
        (b"\x0200.250N\r", 250),
        (b"\x02 0.0005\r", 1),  # half a gram rounds up
        (b"\x02?\x02\r", 0),  # at zero
    ],
)
def test_a_toledo_scale_gives_the_weight_when_asked(reply, grams):
    with serial_peer() as scale:
        scale.answer(toledo(reply))
        assert read_weight(SerialLine(scale.port, 9600, "7E1"), TOLEDO) == grams


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        (0b0000001, UnstableWeight, "not steady"),
        (0b0100000, ScaleOverload, "over its capacity"),
        (0b0010000, ScaleOverload, "below zero"),
        (0b0000100, DeviceError, "reports a fault"),
        (0b1000000, DeviceError, "reports a fault"),
    ],
)
def test_a_toledo_scale_without_a_weight_says_why(status, error, message):
    with serial_peer() as scale:
        scale.answer(toledo(b"\x02?" + bytes([status]) + b"\r"))
        with pytest.raises(error, match=message):
            read_weight(SerialLine(scale.port, 9600, "7E1"), TOLEDO)


@pytest.mark.parametrize(
    ("line", "grams"),
    [
        (b"ST,GS,+  0.250kg\r\n", 250),
        (b"ST,NT,+0001.500kg\r\n", 1500),
        (b"ST,GS,   750g\r\n", 750),
        (b"ST,GS,+  2.000\r\n", 2000),
    ],
)
def test_a_continuous_scale_gives_its_newest_steady_line(line, grams):
    with serial_peer() as scale:
        scale.stream(line)
        assert read_weight(SerialLine(scale.port), CONTINUOUS) == grams


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        (b"US,GS,+  0.250kg\r\n", UnstableWeight, "not steady"),
        (b"OL,GS,+  9.999kg\r\n", ScaleOverload, "over its capacity"),
        (b"ST,GS,-  0.010kg\r\n", ScaleOverload, "below zero"),
        (b"ST,GS,+  0.550lb\r\n", DeviceError, "weighs in lb"),
        (b"hello world\r\n", DeviceError, "cannot be read"),
    ],
)
def test_a_continuous_scale_that_cannot_give_a_weight_says_why(line, error, message):
    with serial_peer() as scale:
        scale.stream(line)
        with pytest.raises(error, match=message):
            read_weight(SerialLine(scale.port), CONTINUOUS)


def test_a_silent_scale_is_named_as_such():
    with serial_peer() as scale, pytest.raises(DeviceError, match="did not answer"):
        read_weight(SerialLine(scale.port, 9600, "7E1"), TOLEDO, seconds=0.3)


def test_garbage_from_a_toledo_port_is_not_a_weight():
    with serial_peer() as scale:
        scale.answer(toledo(b"\x02abc\r"))
        with pytest.raises(DeviceError, match="cannot be read"):
            read_weight(SerialLine(scale.port, 9600, "7E1"), TOLEDO)


def test_serial_settings_are_checked():
    with pytest.raises(DeviceError, match="Choose the port"):
        SerialLine("  ")
    with pytest.raises(DeviceError, match="not a serial speed"):
        SerialLine("/dev/ttyUSB0", 9601)
    with pytest.raises(DeviceError, match="not a serial framing"):
        SerialLine("/dev/ttyUSB0", 9600, "9X1")
    with pytest.raises(DeviceError, match="cannot be opened"):
        read_weight(SerialLine("/dev/no-such-scale"), TOLEDO)
