// An opened contact: its sky plot, pointing track and Doppler, computed in the browser with
// src/core/passes from the spacecraft's element set and the station.
import { useEffect, useMemo, useRef } from 'react';
import type { Contact, Spacecraft, Station } from '../api/types.ts';
import { contactTrack, lookAt } from '../geo/contactGeometry.ts';
import type { ContactSample } from '../geo/contactGeometry.ts';
import { drawSkyPlot } from '../geo/drawSkyPlot.ts';
import { app } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { clock } from '../state/GlobalClock.ts';
import { useNow } from '../state/useNow.ts';
import { spacecraftColor } from '../ui/colors.ts';
import { isoText, utcText } from '../ui/format.ts';
import { UPlotChart } from '../ui/UPlotChart.tsx';

const TABLE_ROWS = 16;

function SkyPlot({ spacecraft, station, track, color }: { spacecraft: Spacecraft; station: Station; track: readonly ContactSample[]; color: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const draw = () => {
      if (canvas.current !== null) drawSkyPlot(canvas.current, station, track, lookAt(spacecraft, station, clock.nowMs()), color);
    };
    draw();
    const timer = setInterval(draw, 500);
    return () => {
      clearInterval(timer);
    };
  }, [spacecraft, station, track, color]);
  return <canvas ref={canvas} data-testid="sky-plot" role="img" aria-label={`Sky plot of ${spacecraft.name} over ${station.name}`} />;
}

export function ContactDetail({ contact }: { readonly contact: Contact }) {
  const fleet = useStore(app, (s) => s.fleet);
  const stations = useStore(app, (s) => s.stations);
  const now = useNow(1000);
  const spacecraft = fleet.find((s) => s.name === contact.spacecraft);
  const station = stations.find((s) => s.name === contact.station);
  const aosMs = Date.parse(contact.aos);
  const losMs = Date.parse(contact.los);
  const track = useMemo(() => (spacecraft === undefined || station === undefined ? [] : contactTrack(spacecraft, station, aosMs, losMs)), [spacecraft, station, aosMs, losMs]);
  const doppler = useMemo<[number[], number[], number[]]>(
    () => [track.map((s) => s.utcMs / 1000), track.map((s) => s.downlinkDopplerHz / 1000), track.map((s) => s.uplinkDopplerHz / 1000)],
    [track],
  );
  if (spacecraft === undefined || station === undefined) return <p>Unknown spacecraft or station for {contact.id}.</p>;
  const color = spacecraftColor(fleet, spacecraft.name);
  const step = Math.max(1, Math.ceil(track.length / TABLE_ROWS));
  const rows = track.filter((_, i) => i % step === 0 || i === track.length - 1);
  const current = now >= aosMs && now <= losMs ? lookAt(spacecraft, station, now) : undefined;
  return (
    <section className="contact-detail" aria-labelledby="contact-title" data-testid="contact-detail">
      <header className="detail-head">
        <h2 id="contact-title">
          {contact.spacecraft} over {contact.station}
        </h2>
        <span>
          AOS {isoText(contact.aos)} · LOS {isoText(contact.los, false)} · max elevation {contact.maxElevationDeg.toFixed(1)}° · {contact.state}
        </span>
        <button type="button" onClick={() => { app.set({ openContactId: null }); }}>Close (Esc)</button>
      </header>
      <div className="detail-body">
        <div>
          <SkyPlot spacecraft={spacecraft} station={station} track={track} color={color} />
          {current === undefined ? null : (
            <p className="now-look">
              Now: az {current.azimuthDeg.toFixed(1)}°, el {current.elevationDeg.toFixed(1)}°, range {current.rangeKm.toFixed(0)} km, downlink Doppler {(current.downlinkDopplerHz / 1000).toFixed(2)} kHz
            </p>
          )}
        </div>
        <div className="pointing">
          <h3>Pointing track and Doppler</h3>
          <div className="table-scroll short">
            <table className="compact" data-testid="pointing-table">
              <thead>
                <tr>
                  <th scope="col">UTC</th>
                  <th scope="col">Az °</th>
                  <th scope="col">El °</th>
                  <th scope="col">Range km</th>
                  <th scope="col">Rate km/s</th>
                  <th scope="col">Down kHz</th>
                  <th scope="col">Up kHz</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.utcMs}>
                    <td>{utcText(s.utcMs, false)}</td>
                    <td className="num">{s.azimuthDeg.toFixed(1)}</td>
                    <td className="num">{s.elevationDeg.toFixed(1)}</td>
                    <td className="num">{s.rangeKm.toFixed(0)}</td>
                    <td className="num">{s.rangeRateKmPerS.toFixed(3)}</td>
                    <td className="num">{(s.downlinkDopplerHz / 1000).toFixed(2)}</td>
                    <td className="num">{(s.uplinkDopplerHz / 1000).toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <UPlotChart
            label={`Doppler shift of ${spacecraft.name} over ${station.name}`}
            seriesKey={contact.id}
            height={150}
            xRange={null}
            data={doppler}
            options={{
              series: [{}, { label: `downlink ${(spacecraft.downlinkHz / 1e6).toFixed(3)} MHz (kHz)`, stroke: color }, { label: `uplink ${(spacecraft.uplinkHz / 1e6).toFixed(3)} MHz (kHz)`, stroke: '#adb5bd', dash: [4, 4] }],
              axes: [{ stroke: '#adb5bd', grid: { stroke: 'rgba(255,255,255,0.08)' } }, { stroke: '#adb5bd', grid: { stroke: 'rgba(255,255,255,0.08)' } }],
            }}
          />
        </div>
      </div>
    </section>
  );
}
