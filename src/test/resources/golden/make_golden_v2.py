#!/usr/bin/env python3
"""Golden frames of the format 2 profiles: the Modbus RTU cyclic-load controller, the rollator
brake rig (two sentences and a banner) and the test-only binary grip dynamometer.

As in make_golden.py, every CRC is computed here, independently of Tavan's Java code. Run from
this folder: python3 make_golden_v2.py
"""
import json, os, struct

def crc16(data, poly, init, refl):
    crc = init
    for b in data:
        if refl:
            crc ^= b
            rp = int('{:016b}'.format(poly)[::-1], 2)
            for _ in range(8):
                crc = (crc >> 1) ^ rp if crc & 1 else crc >> 1
        else:
            crc ^= b << 8
            for _ in range(8):
                crc = ((crc << 1) ^ poly) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc

def write(profile, name, frame, expected):
    os.makedirs(profile, exist_ok=True)
    data = frame if isinstance(frame, bytes) else frame.encode()
    with open(os.path.join(profile, name + ".frame"), "wb") as f:
        f.write(data)
    with open(os.path.join(profile, name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

assert crc16(b"123456789", 0x8005, 0xFFFF, True) == 0x4B37   # CRC-16/MODBUS check value
assert crc16(b"123456789", 0x1021, 0x0000, False) == 0x31C3  # CRC-16/XMODEM check value
assert crc16(b"123456789", 0x1021, 0xFFFF, False) == 0x29B1  # CRC-16/CCITT-FALSE check value

def ok(seq, time, measurements, events=()):
    return {"sequence": seq, "deviceTime": time, "measurements": measurements,
            "events": [{"kind": k, "code": c, "description": d} for k, c, d in events]}

def rejected(reason):
    return {"rejected": reason}

def m(name, value, unit):
    return {"name": name, "value": value, "unit": unit}

# --- Modbus RTU reply to "01 03 0000 000A"
P = "prosthesis-cyclic-mb"
def regs(sample, cycles, load_max, load_min, disp, temp, status):
    data = struct.pack(">II", sample, cycles) + struct.pack(">Hhh", load_max, load_min, disp)
    t = struct.pack(">f", temp)
    data += t[2:4] + t[0:2]  # low word first
    data += struct.pack(">H", status)
    return data

def rtu(data, unit=1, function=3):
    body = bytes([unit, function, len(data)]) + data
    crc = crc16(body, 0x8005, 0xFFFF, True)
    return body + bytes([crc & 0xFF, crc >> 8])

def cyc_m(cycles, load_max, load_min, disp, temp):
    return [m("cycles", cycles, "cycles"), m("load_max", load_max, "N"), m("load_min", load_min, "N"),
            m("displacement", disp, "mm"), m("actuator_temp", temp, "degC"), m("load_range", load_max - load_min, "N")]

write(P, "cycling", rtu(regs(311, 31100, 12304, 502, 482, 38.25, 0)), ok(311, None, cyc_m(31100, 1230.4, 50.2, 4.82, 38.25)))
write(P, "started", rtu(regs(1, 100, 12298, 497, 479, 21.5, 0x0001)), ok(1, None, cyc_m(100, 1229.8, 49.7, 4.79, 21.5),
      [("started", "0x0001", "cyclic test started")]))
write(P, "overload-and-displacement-limit", rtu(regs(900, 90000, 65535, -120, 2540, 41.0, 0x0018)),
      ok(900, None, cyc_m(90000, 6553.5, -12.0, 25.4, 41.0),
         [("fault", "0x0008", "load cell over range"), ("fault", "0x0010", "displacement limit: specimen failure suspected")]))
write(P, "calibration-checked", rtu(regs(500, 50000, 12301, 500, 480, 39.0, 0x0100)), ok(500, None, cyc_m(50000, 1230.1, 50.0, 4.8, 39.0),
      [("checkpoint", "0x0100", "load calibration check passed")]))
write(P, "unknown-status-bit", rtu(regs(501, 50100, 12301, 500, 480, 39.0, 0x4000)), ok(501, None, cyc_m(50100, 1230.1, 50.0, 4.8, 39.0),
      [("fault", "0x4000", "bits 0x4000 are not in the profile")]))
good = rtu(regs(312, 31200, 12304, 502, 482, 38.25, 0))
write(P, "bad-crc", good[:-1] + bytes([good[-1] ^ 0x01]), rejected("checksum"))
write(P, "crc-high-byte-first", good[:-2] + good[-1:] + good[-2:-1], rejected("checksum"))
write(P, "cut-short", good[:13], rejected("syntax"))
write(P, "exception-reply", rtu(bytes([0x02]), function=0x83)[:3] + rtu(bytes([0x02]), function=0x83)[3:], rejected("syntax"))
write(P, "other-unit", rtu(regs(313, 31300, 12304, 502, 482, 38.25, 0), unit=2), rejected("syntax"))
write(P, "temperature-nan", rtu(regs(314, 31400, 12304, 502, 482, float("nan"), 0)), rejected("bad_value"))
write(P, "too-long", good + bytes(40), rejected("too_long"))

# --- rollator brake rig: $WLK data, $WLS status, banner; CRC-16/XMODEM after '$', 5 decimal digits
P = "walker-brake-wlk"
def wlk(body):
    return body + "*%05d" % crc16(body[1:].encode(), 0x1021, 0x0000, False) + "\r\n"

def walk_m(left, right, cycles):
    total = left + right
    return [m("left_grip_force", left, "N"), m("right_grip_force", right, "N"), m("brake_cycles", cycles, "cycles"),
            m("grip_force_total", total, "N"), m("grip_force_total_kgf", total / 9.80665, "kgf")]

write(P, "data", wlk("$WLK,77,1764054000123,1502,1479,7700"), ok(77, "2025-11-25T07:00:00.123Z", walk_m(150.2, 147.9, 7700)))
write(P, "status-overload-and-low-battery", wlk("$WLS,1764054001000,0x05"),
      ok(None, "2025-11-25T07:00:01Z", [], [("fault", "0x01", "grip force over range"), ("warning", "0x04", "controller battery low")]))
write(P, "status-started", wlk("$WLS,1764054000000,0x10"), ok(None, "2025-11-25T07:00:00Z", [], [("started", "0x10", "test started")]))
write(P, "status-finished-decimal", wlk("$WLS,1764057600000,48"), ok(None, "2025-11-25T08:00:00Z", [], [("finished", "0x30", "cycle target reached")]))
write(P, "status-unknown-bit", wlk("$WLS,1764054002000,0x40"),
      ok(None, "2025-11-25T07:00:02Z", [], [("fault", "0x40", "bits 0x40 are not in the profile")]))
write(P, "status-not-a-number", wlk("$WLS,1764054002000,low"), rejected("bad_value"))
write(P, "banner", "WLK-CTRL fw 2.0 boot\r\n", ok(None, None, [], [("restarted", "boot", "controller booted: WLK-CTRL fw 2.0 boot")]))
good = wlk("$WLK,78,1764054001123,1502,1479,7701")
write(P, "bad-crc", good.replace("*", "*9").replace("\r\n", "")[:-1] + "\r\n", rejected("checksum"))
write(P, "crc-over-the-dollar-too", "$WLK,79,1764054001123,1502,1479,7702*%05d\r\n"
      % crc16(b"$WLK,79,1764054001123,1502,1479,7702", 0x1021, 0x0000, False), rejected("checksum"))
write(P, "unknown-sentence", wlk("$WLX,1,2"), rejected("syntax"))
write(P, "data-too-few-fields", wlk("$WLK,80,1764054001123,1502"), rejected("syntax"))

# --- the test-only binary profile (src/test/resources/profiles-v2), little-endian, length-prefixed
def grip(seq, time, force, temp, status):
    body = bytes([0xAA, 15]) + struct.pack("<HIif", seq, time, force, temp) + bytes([status])
    crc = crc16(body[1:], 0x1021, 0xFFFF, False)
    return body + bytes([crc >> 8, crc & 0xFF])

out = "../profiles-v2/frames"
def example(name, frame, expected):
    with open(os.path.join(out, "grip-dynamometer-bin." + name + ".frame"), "wb") as f:
        f.write(frame)
    with open(os.path.join(out, "grip-dynamometer-bin." + name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

example("squeeze", grip(12, 1764054000, 41250, 24.5, 0x01),
        ok(12, "2025-11-25T07:00:00Z", [m("grip_force", 412.5, "N"), m("handle_temp", 24.5, "degC"),
                                         m("grip_force_kgf", 412.5 / 9.80665, "kgf")], [("started", "0x01", "squeeze started")]))
example("negative-force", grip(13, 1764054001, -150, 24.75, 0),
        ok(13, "2025-11-25T07:00:01Z", [m("grip_force", -1.5, "N"), m("handle_temp", 24.75, "degC"),
                                         m("grip_force_kgf", -1.5 / 9.80665, "kgf")]))
g = grip(14, 1764054002, 100, 24.0, 0)
example("bad-crc", g[:-1] + bytes([g[-1] ^ 0xFF]), rejected("checksum"))
w = bytes([0xAA, 14]) + g[2:-2]  # a valid CRC over a wrong length byte: the constant refuses it
crc = crc16(w[1:], 0x1021, 0xFFFF, False)
example("wrong-length-byte", w + bytes([crc >> 8, crc & 0xFF]), rejected("syntax"))
