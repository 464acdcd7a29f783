#!/usr/bin/env python3
"""Writes the golden frames and their expected decodings.

Checksums are computed here, independently of Tavan's Java code, so the golden files check
the decoders against a second implementation. Run from this folder: python3 make_golden.py
"""
import json, os, random

def nmea(body):
    x = 0
    for b in body.encode()[1 if body.startswith(('$', '!')) else 0:]:
        x ^= b
    return body + "*%02X" % x

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

assert crc16(b"123456789", 0x8005, 0xFFFF, True) == 0x4B37
assert crc16(b"123456789", 0x1021, 0xFFFF, False) == 0x29B1

def modbus(body, sep="#"):
    return body + sep + "%04X" % crc16(body.encode(), 0x8005, 0xFFFF, True)

def ccitt(body, sep="*"):
    return body + sep + "%04X" % crc16(body.encode(), 0x1021, 0xFFFF, False)

def m(name, value, unit):
    return {"name": name, "value": value, "unit": unit}

def write(profile, name, frame, expected):
    os.makedirs(profile, exist_ok=True)
    data = frame if isinstance(frame, bytes) else frame.encode()
    with open(os.path.join(profile, name + ".frame"), "wb") as f:
        f.write(data)
    with open(os.path.join(profile, name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

def ok(seq, time, measurements, events=()):
    return {"sequence": seq, "deviceTime": time, "measurements": measurements,
            "events": [{"kind": k, "code": c, "description": d} for k, c, d in events]}

def rejected(reason):
    return {"rejected": reason}

# --- wheelchair double drum: $DRM, NMEA XOR, no device time
P = "double-drum-drm"
def drum(seq, cycles, speed, front, rear, ev=""):
    return nmea("$DRM,%s,%s,%s,%s,%s,%s" % (seq, cycles, speed, front, rear, ev)) + "\r\n"
def drum_m(cycles, speed, front, rear):
    return [m("cycles", cycles, "cycles"), m("speed", speed, "m/s"), m("load_front", front, "N"), m("load_rear", rear, "N")]
write(P, "running", drum(1042, 51234, 1003, 395.5, 736.2), ok(1042, None, drum_m(51234, 1.003, 395.5, 736.2)))
write(P, "started", drum(1, 0, 0, 394.0, 737.4, "START"), ok(1, None, drum_m(0, 0.0, 394.0, 737.4),
      [("started", "START", "drums started")]))
write(P, "checkpoint", drum(50001, 50000, 998, 396.1, 735.9, "CHK"), ok(50001, None, drum_m(50000, 0.998, 396.1, 735.9),
      [("checkpoint", "CHK", "25 % interval reached: re-tightening allowed")]))
write(P, "unknown-fault-code", drum(7, 6, 1000, 981, 981, "E77"), ok(7, None, drum_m(6, 1.0, 981.0, 981.0),
      [("fault", "E77", "code E77 is not in the profile")]))
good = drum(9, 8, 1000, 981, 981)
write(P, "bad-checksum", good[:-4] + ("00" if good[-4:-2] != "00" else "11") + "\r\n", rejected("checksum"))
write(P, "no-checksum", "$DRM,9,8,1000,981,981,\r\n", rejected("checksum"))
write(P, "missing-cycles", drum(10, "", 1000, 981, 981), rejected("missing_field"))
write(P, "speed-not-a-number", drum(11, 10, "1.0x", 981, 981), rejected("bad_value"))
write(P, "speed-with-fraction", drum(12, 10, "1000.5", 981, 981), rejected("bad_value"))
write(P, "wrong-tag", nmea("$GPRMC,081836,A,3751.65,S") + "\r\n", rejected("syntax"))
write(P, "too-few-fields", nmea("$DRM,13,12,1000,981") + "\r\n", rejected("syntax"))
write(P, "too-long", nmea("$DRM,14,13,1000,981,981," + "X" * 80) + "\r\n", rejected("too_long"))
write(P, "garbage", b"\x00\xff\xfe$DRM\x13\x10\r\n", rejected("checksum"))

# --- curb drop: key=value, CRC-16/CCITT-FALSE, epoch millis
P = "curb-drop-kv"
def curb(seq, t, drops, h, g, state):
    return ccitt("seq=%s;t=%s;drops=%s;h=%s;g=%s;state=%s" % (seq, t, drops, h, g, state))
def curb_m(drops, h, g):
    return [m("drops", drops, "drops"), m("drop_height", h, "mm"), m("impact_peak", g, "g")]
write(P, "drop", curb(77, 1764054000123, 1234, 502, 3.85, "RUN"),
      ok(77, "2025-11-25T07:00:00.123Z", curb_m(1234, 50.2, 3.85)))
write(P, "started", curb(1, 1764050400000, 0, 500, 0.0, "START"),
      ok(1, "2025-11-25T06:00:00Z", curb_m(0, 50.0, 0.0), [("started", "START", "drop sequence started")]))
write(P, "finished", curb(6667, 1764090000500, 6666, 499, 4.02, "DONE"),
      ok(6667, "2025-11-25T17:00:00.500Z", curb_m(6666, 49.9, 4.02), [("finished", "DONE", "6,666 drops done")]))
write(P, "extra-keys-ignored", ccitt("seq=2;t=1764050401000;fw=1.4;drops=1;h=501;g=3.9;state=RUN;temp=31.5"),
      ok(2, "2025-11-25T06:00:01Z", curb_m(1, 50.1, 3.9)))
write(P, "bad-crc", curb(3, 1764050402000, 2, 501, 3.9, "RUN")[:-4] + "0000", rejected("checksum"))
write(P, "missing-drops", ccitt("seq=4;t=1764050403000;h=501;g=3.9;state=RUN"), rejected("missing_field"))
write(P, "not-key-value", ccitt("seq=5;t=1764050404000;drops;h=501;g=3.9"), rejected("syntax"))
write(P, "duplicate-key", ccitt("seq=5;seq=6;t=1764050404000;drops=3;h=501;g=3.9"), rejected("syntax"))
write(P, "negative-sequence", curb(-5, 1764050404000, 3, 501, 3.9, "RUN"), rejected("bad_value"))

# --- tilt table: JSON nested, ISO-8601
P = "tilt-table-json"
def tilt(seq, time, angle, tipping, code):
    return json.dumps({"seq": seq, "time": time, "table": {"angle": angle}, "tipping": tipping,
                       "status": {"code": code}, "setup": "least-stable"})
write(P, "tilting", tilt(40, "2026-11-25T10:30:00.250+03:30", 1234, {}, "RUN"),
      ok(40, "2026-11-25T07:00:00.250Z", [m("table_angle", 12.34, "deg")]))
write(P, "tipped-forward", tilt(41, "2026-11-25T07:00:01Z", 1850, {"forward": {"deg": 18.5}}, "TIP"),
      ok(41, "2026-11-25T07:00:01Z", [m("table_angle", 18.5, "deg"), m("tip_forward", 18.5, "deg")],
         [("tipped", "TIP", "a wheel lifted: tipping angle recorded")]))
write(P, "all-directions", tilt(90, "2026-11-25T07:20:00Z", 0,
      {"forward": {"deg": 18.5}, "rearward": {"deg": 14.2}, "lateral_left": {"deg": 21.0}, "lateral_right": {"deg": 20.6}}, "DONE"),
      ok(90, "2026-11-25T07:20:00Z", [m("table_angle", 0.0, "deg"), m("tip_forward", 18.5, "deg"), m("tip_rearward", 14.2, "deg"),
         m("tip_lateral_left", 21.0, "deg"), m("tip_lateral_right", 20.6, "deg")],
         [("finished", "DONE", "all directions measured")]))
write(P, "broken-json", '{"seq": 42, "time": "2026-11-25T07:00:02Z", "table": {"angle": 1', rejected("syntax"))
write(P, "time-without-offset", tilt(43, "2026-11-25T07:00:03", 100, {}, "RUN"), rejected("bad_value"))
write(P, "angle-missing", json.dumps({"seq": 44, "time": "2026-11-25T07:00:04Z", "status": {"code": "RUN"}}), rejected("missing_field"))
write(P, "angle-is-object", json.dumps({"seq": 45, "time": "2026-11-25T07:00:04Z", "table": {"angle": {"v": 1}}}), rejected("bad_value"))
write(P, "not-an-object", '"hello"', rejected("syntax"))
write(P, "array-at-top", '[{"seq": 1}]', rejected("syntax"))

# --- prosthesis: delimited ';', CRC-16/MODBUS after '#', epoch seconds
P = "prosthesis-load-prl"
def prl(seq, t, cycles, lmax, lmin, disp, st):
    return modbus("PRL;%s;%s;%s;%s;%s;%s;%s" % (seq, t, cycles, lmax, lmin, disp, st)) + "\n"
def prl_m(cycles, lmax, lmin, disp):
    return [m("cycles", cycles, "cycles"), m("load_max", lmax, "N"), m("load_min", lmin, "N"), m("displacement", disp, "mm")]
write(P, "cycling", prl(311, 1764054000, 311000, 12304, 502, 4.82, 0),
      ok(311, "2025-11-25T07:00:00Z", prl_m(311000, 1230.4, 50.2, 4.82)))
write(P, "finished", prl(3001, 1764300000, 3000000, 12298, 498, 4.91, "F"),
      ok(3001, "2025-11-28T03:20:00Z", prl_m(3000000, 1229.8, 49.8, 4.91), [("finished", "F", "cycle target reached")]))
write(P, "specimen-failure", prl(1502, 1764200000, 1501233, 3120, 480, 25.40, "E31"),
      ok(1502, "2025-11-26T23:33:20Z", prl_m(1501233, 312.0, 48.0, 25.4),
         [("fault", "E31", "displacement limit: specimen failure suspected")]))
write(P, "bad-crc", prl(312, 1764054060, 312000, 12301, 501, 4.83, 0).replace("#", "#F").replace("\n", "")[:-1] + "\n", rejected("checksum"))
write(P, "crc-not-hex", modbus("PRL;313;1764054120;313000;12301;501;4.83;0")[:-4] + "ZZZZ\n", rejected("checksum"))
write(P, "time-not-a-number", prl(314, "soon", 314000, 12301, 501, 4.83, 0), rejected("bad_value"))
write(P, "load-with-fraction", prl(315, 1764054240, 315000, "1230.4", 501, 4.83, 0), rejected("bad_value"))
write(P, "nan-displacement", prl(316, 1764054300, 316000, 12301, 501, "NaN", 0), rejected("bad_value"))

# --- hearing-aid test box: JSON arrays keyed by frequency
P = "hearing-aid-testbox"
freqs = [200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000]
curve = [98.5, 101.0, 103.5, 106.0, 108.5, 110.0, 111.5, 113.0, 114.0, 114.5, 113.5, 112.0, 109.0, 104.5, 99.0]
doc = {"run": 17, "ts": 1764054000, "model": "BTE-P2",
       "ospl90": [{"hz": f, "db": d} for f, d in zip(freqs, curve)],
       "hfa": {"ospl90": 113.3, "fog": 45.5}, "thd": [{"hz": 500, "pct": 1.2}, {"hz": 800, "pct": 0.9}, {"hz": 1600, "pct": 0.7}],
       "ein": 24.5, "battery_ma": 1.15, "status": "OK"}
meas = [m("ospl90_%dhz" % f, d, "dB SPL") for f, d in zip(freqs, curve)] + [m("ospl90_max", 114.5, "dB SPL"),
        m("hfa_ospl90", 113.3, "dB SPL"), m("hfa_full_on_gain", 45.5, "dB"),
        m("thd_500hz", 1.2, "%"), m("thd_800hz", 0.9, "%"), m("thd_1600hz", 0.7, "%"), m("ein", 24.5, "dB SPL"),
        m("battery_current", 1.15, "mA")]
write(P, "result", json.dumps(doc), ok(17, "2025-11-25T07:00:00Z", meas))
doc2 = dict(doc, run=18, status="LEAK")
doc2["ospl90"] = [{"hz": float(f), "db": d} for f, d in zip(freqs, curve)]
write(P, "leak-with-float-keys", json.dumps(doc2), ok(18, "2025-11-25T07:00:00Z", meas, [("fault", "LEAK", "test box lid not sealed")]))
doc3 = json.loads(json.dumps(doc)); doc3["ospl90"][3].pop("hz")
write(P, "frequency-missing", json.dumps(doc3), rejected("bad_value"))
doc4 = json.loads(json.dumps(doc)); doc4["ospl90"] = {"hz": 200, "db": 1}
write(P, "curve-not-an-array", json.dumps(doc4), rejected("bad_value"))
doc5 = json.loads(json.dumps(doc)); doc5["ospl90"][4]["hz"] = 400
write(P, "frequency-twice", json.dumps(doc5), rejected("bad_value"))
write(P, "empty", b"", rejected("syntax"))
write(P, "not-utf8", b'{"run": 1, "status": "\xc3\x28"}', rejected("syntax"))

# --- pressure mat: 16x16 matrix in 0.1 mmHg, uptime since boot
P = "pressure-mat-16"
rnd = random.Random(16)
cells = [[max(0, int(150 + 250 * (1 if 4 <= r <= 6 and 3 <= c <= 5 else 0) + rnd.randint(-50, 50))) for c in range(16)] for r in range(16)]
cells[5][12] = 712
doc = {"n": 501, "boot": 1764050000, "up_ms": 4000250, "cells": cells, "status": "OK"}
meas = [m("p_r%02d_c%02d" % (r, c), cells[r][c] * 0.1, "mmHg") for r in range(16) for c in range(16)]
vals = [x["value"] for x in meas]
meas += [m("peak", max(vals), "mmHg"), m("mean", sum(vals) / len(vals), "mmHg")]
write(P, "frame", json.dumps(doc, separators=(",", ":")), ok(501, "2025-11-25T07:00:00.250Z", meas))
doc2 = dict(doc, cells=cells[:15])
write(P, "fifteen-rows", json.dumps(doc2), rejected("bad_value"))
doc3 = dict(doc, cells=[row[:] for row in cells]); doc3["cells"][3].append(100)
write(P, "long-row", json.dumps(doc3), rejected("bad_value"))
doc4 = dict(doc, cells=[row[:] for row in cells]); doc4["cells"][2][2] = None
write(P, "null-cell", json.dumps(doc4), rejected("missing_field"))
doc5 = dict(doc); doc5.pop("boot")
write(P, "no-boot-time", json.dumps(doc5), rejected("missing_field"))
write(P, "too-long", json.dumps(dict(doc, pad="x" * 16384)), rejected("too_long"))
