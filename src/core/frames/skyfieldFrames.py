# Reference values for skyfieldFrames.test.ts, computed by Skyfield (Debian python3-skyfield) from
# TEME state vectors: ITRS position/velocity, WGS-84 geodetic coordinates and look angles with
# range rate from a station. Reads a JSON list of cases on stdin, writes a JSON list on stdout.
# No downloads: the builtin timescale supplies leap seconds and UT1 (its dut1 is returned so the
# caller can use the same UT1); polar motion is set per case from the values the caller chose.
# Skyfield turns ITRS velocity with the Earth's spin about the ITRS z axis rather than the pole of
# rotation, ~6 mm/s off at GEO once polar motion is set; so the ITRF velocity comes from its
# TEME_to_ITRF (AIAA 2006-6753 form) and the look angles are computed without polar motion.
import json
import sys

import numpy as np
from skyfield.api import load, wgs84
from skyfield.framelib import itrs
from skyfield.positionlib import Geocentric
from skyfield.sgp4lib import TEME, TEME_to_ITRF
from skyfield.units import Distance, Velocity

ARCSEC = np.pi / 180 / 3600
ts = load.timescale(builtin=True)
out = []
for case in json.load(sys.stdin):
    ts.polar_motion_table = (
        np.array([0.0, 1.0e7]),
        np.array([case['xpArcsec']] * 2),
        np.array([case['ypArcsec']] * 2),
    )
    t = ts.utc(*case['utc'])
    r_teme = np.array(case['rTeme'])
    v_teme = np.array(case['vTeme'])
    pos = Geocentric.from_time_and_frame_vectors(t, TEME, Distance(km=r_teme), Velocity(km_per_s=v_teme))
    r_itrs = pos.frame_xyz_and_velocity(itrs)[0].km
    _, v_itrs = TEME_to_ITRF(t.whole, r_teme, v_teme * 86400.0, case['xpArcsec'] * ARCSEC,
                             case['ypArcsec'] * ARCSEC, t.ut1_fraction)
    geo = wgs84.geographic_position_of(pos)
    ts.polar_motion_table = None
    t = ts.utc(*case['utc'])
    pos = Geocentric.from_time_and_frame_vectors(t, TEME, Distance(km=r_teme), Velocity(km_per_s=v_teme))
    lat, lon, alt_m = case['station']
    station = wgs84.latlon(lat, lon, elevation_m=alt_m)
    el, az, distance, _, _, range_rate = (pos - station.at(t)).frame_latlon_and_rates(station)
    out.append({
        'dut1': float(t.dut1),
        'rItrf': [float(x) for x in r_itrs],
        'vItrf': [float(x) / 86400.0 for x in v_itrs],
        'latDeg': float(geo.latitude.degrees),
        'lonDeg': float(geo.longitude.degrees),
        'altKm': float(geo.elevation.km),
        'azDeg': float(az.degrees),
        'elDeg': float(el.degrees),
        'rangeKm': float(distance.km),
        'rangeRateKmPerS': float(range_rate.km_per_s),
    })
json.dump(out, sys.stdout)
