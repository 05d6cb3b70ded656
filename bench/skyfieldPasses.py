#!/usr/bin/python3
"""Reference passes from Skyfield's EarthSatellite.find_events, for Zenith's pass tests and bench.

Reads one JSON request on stdin:
  {"jobs": [{"tleFile": path, "ids": [catalog ids] or null for all, "from": ISO-8601 UTC, "to": ISO}],
   "stations": [{"name", "latDeg", "lonDeg", "altM"}], "minElevationDeg": number,
   "checkDips": bool, "polish": bool}
and writes one JSON answer on stdout:
  {"seconds": time spent searching (find_events and the altitudes of culminations and edges),
   "objects": n, "ut1MinusUtcS": [[from, to] per job],
   "passes": [{"id", "station", "aosMs", "tcaMs", "losMs", "maxElevationDeg", "aosCut", "losCut"}]}
A pass already above the threshold at `from` starts there with aosCut; one still above at `to`
ends there with losCut; its maximum is the highest culmination or window edge inside it.

find_events assumes the object sets between two culminations above the threshold; on eccentric
orbits it may rise twice around one long apogee dwell and find_events then reports one pass. With
"checkDips", every pass is sampled at 1/50 of a revolution and one that dips below the threshold
is split where Skyfield's own find_discrete finds the set and the rise (its maxima then come from
Skyfield's find_maxima); such passes carry "split": true.

find_events stops refining all its rise and set brackets as soon as the first one is under half a
second, so the others can be a few seconds wide, and it reports their far end. With "polish",
each rise and set is bisected to 1 ms on Skyfield's own altitude (a vectorised numpy loop).
Uses only the built-in timescale (load.timescale(builtin=True)): nothing is downloaded.
"""
import json
import sys
import time
from datetime import datetime, timezone

from numpy import array, concatenate, flatnonzero, linspace, where
from skyfield.constants import tau
from skyfield.api import EarthSatellite, load, wgs84
from skyfield.searchlib import find_discrete, find_maxima


def read_tles(path, wanted):
    lines = [l.rstrip('\r\n') for l in open(path, encoding='ascii', errors='replace')]
    lines = [l for l in lines if l.strip() and not l.startswith('#')]
    found = {}
    order = []
    for i in range(len(lines) - 1):
        l1, l2 = lines[i], lines[i + 1]
        if l1.startswith('1 ') and l2.startswith('2 '):
            prev = lines[i - 1] if i > 0 else ''
            name = None
            if prev and not prev.startswith('1 ') and not prev.startswith('2 '):
                name = prev[2:].strip() if prev.startswith('0 ') else prev.strip()
            sat = (name, l1, l2)
            satnum = EarthSatellite(l1, l2).model.satnum
            found[satnum] = sat
            order.append(satnum)
    if wanted is None:
        return [found[n] for n in order]
    return [found[n] for n in wanted if n in found]


def parse_iso(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00')).astimezone(timezone.utc)


def passes_of(sat, station_name, topos, t0, t1, threshold, check_dips, polish):
    times, events = sat.find_events(topos, t0, t1, altitude_degrees=threshold)
    ts = t0.ts
    diff = sat - topos
    if polish and len(events):
        times = ts.tt_jd(polish_crossings(diff, ts, times.tt, events != 1, threshold))
    # One vectorised altitude call for the window edges and every culmination.
    probe = ts.tt_jd(concatenate(([t0.tt, t1.tt], times.tt)))
    alts = diff.at(probe).altaz()[0].degrees
    jd = probe.tt
    raw = []  # (aos jd, tca jd, los jd, max deg, aosCut, losCut)
    start = None
    best = None
    cut = False
    if alts[0] >= threshold:
        start, cut, best = 0, True, 0
    for k, e in enumerate(events):
        j = k + 2
        if e == 0:
            start, cut, best = j, False, None
        elif e == 1 and start is not None:
            if best is None or alts[j] > alts[best]:
                best = j
        elif e == 2 and start is not None:
            b = j if best is None else best
            raw.append((jd[start], jd[b], jd[j], alts[b], cut, False, False))
            start = None
    if start is not None:
        if best is None or alts[1] > alts[best]:
            best = 1
        raw.append((jd[start], jd[best], jd[1], alts[best], cut, True, False))
    if check_dips:
        raw = [q for p in raw for q in split_dips(diff, ts, sat, p, threshold)]
    return [{
        'id': int(sat.model.satnum), 'station': station_name,
        'aosMs': jd_ms(ts, a), 'tcaMs': jd_ms(ts, b), 'losMs': jd_ms(ts, c), 'maxElevationDeg': float(m),
        'aosCut': bool(ac), 'losCut': bool(lc), 'split': bool(sp),
    } for a, b, c, m, ac, lc, sp in raw]


def split_dips(diff, ts, sat, p, threshold):
    aos, tca, los, top, aos_cut, los_cut, _ = p
    rough_period = 1.0 / max(sat.model.no_kozai / tau * 1440.0, 1.0)
    step = rough_period / 50.0
    n = int((los - aos) / step) + 2
    grid = ts.tt_jd(linspace(aos, los, n))
    if (diff.at(grid).altaz()[0].degrees[1:-1] >= threshold).all():
        return [p]

    def above(t):
        return diff.at(t).altaz()[0].degrees >= threshold

    above.step_days = step
    t, v = find_discrete(ts.tt_jd(aos), ts.tt_jd(los), above)
    # find_discrete stops all brackets once its first is narrow: polish every transition.
    jd = polish_crossings(diff, ts, t.tt, v == v, threshold) if len(v) else t.tt
    edges = [(aos, aos_cut)] + [(x, False) for x in jd] + [(los, los_cut)]
    # The state before the first transition is the opposite of the state after it.
    states = [not v[0] if len(v) else True] + list(v)
    out = []
    for k, state in enumerate(states):
        if not state or edges[k + 1][0] <= edges[k][0]:
            continue
        a, ac = edges[k]
        b, bc = edges[k + 1]

        def alt(t):
            return diff.at(t).altaz()[0].degrees

        alt.step_days = step
        cands = [(a, None), (b, None)]
        tm, am = find_maxima(ts.tt_jd(a), ts.tt_jd(b), alt)
        cands += list(zip(tm.tt, am))
        values = diff.at(ts.tt_jd(array([c[0] for c in cands]))).altaz()[0].degrees
        k_best = int(values.argmax())
        out.append((a, cands[k_best][0], b, values[k_best], ac, bc, True))
    return out


def polish_crossings(diff, ts, jd, crossing, threshold):
    """Bisects the rise and set times (where `crossing`) to 1 ms on Skyfield's altitude."""
    second = 1.0 / 86400.0
    out = jd.copy()
    idx = flatnonzero(crossing)
    if not len(idx):
        return out

    def f(x):
        return diff.at(ts.tt_jd(x)).altaz()[0].degrees - threshold

    for half_width in (4.0 * second, 60.0 * second):
        lo = jd[idx] - half_width
        hi = jd[idx] + half_width
        flo = f(lo)
        ok = (flo < 0) != (f(hi) < 0)
        if ok.all():
            break
    idx, lo, hi, flo = idx[ok], lo[ok], hi[ok], flo[ok]
    while len(idx) and (hi[0] - lo[0]) > 0.0005 * second:
        mid = (lo + hi) / 2.0
        fm = f(mid)
        same = (fm < 0) == (flo < 0)
        lo = where(same, mid, lo)
        flo = where(same, fm, flo)
        hi = where(same, hi, mid)
    out[idx] = (lo + hi) / 2.0
    return out


def jd_ms(ts, jd):
    return ts.tt_jd(jd).utc_datetime().timestamp() * 1000.0


def main():
    req = json.load(sys.stdin)
    ts = load.timescale(builtin=True)
    threshold = float(req.get('minElevationDeg', 0.0))
    check_dips = bool(req.get('checkDips', False))
    polish = bool(req.get('polish', False))
    stations = [(s['name'], wgs84.latlon(s['latDeg'], s['lonDeg'], elevation_m=s['altM'])) for s in req['stations']]
    jobs = []
    for job in req['jobs']:
        t0 = ts.from_datetime(parse_iso(job['from']))
        t1 = ts.from_datetime(parse_iso(job['to']))
        sats = [EarthSatellite(l1, l2, name, ts) for name, l1, l2 in read_tles(job['tleFile'], job.get('ids'))]
        jobs.append((t0, t1, sats))
    passes = []
    started = time.perf_counter()
    for t0, t1, sats in jobs:
        for sat in sats:
            for name, topos in stations:
                passes.extend(passes_of(sat, name, topos, t0, t1, threshold, check_dips, polish))
    seconds = time.perf_counter() - started
    json.dump({
        'seconds': seconds,
        'objects': sum(len(s) for _, _, s in jobs),
        'ut1MinusUtcS': [[float(t0.dut1), float(t1.dut1)] for t0, t1, _ in jobs],
        'passes': passes,
    }, sys.stdout)


if __name__ == '__main__':
    main()
