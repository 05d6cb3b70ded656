// View 1, the fleet map: the map island (MapDrawing) beside the fleet list (position, altitude,
// contact countdown; a button selects) and the stations with their link status.
import { useEffect, useRef } from 'react';
import { subPoint } from '../geo/fleetGeometry.ts';
import { MapDrawing } from '../geo/MapDrawing.ts';
import { app, selectSpacecraft } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { useNow } from '../state/useNow.ts';
import { spacecraftColor } from '../ui/colors.ts';
import { durationText } from '../ui/format.ts';
import { currentOrNextContact } from '../ui/NextContact.tsx';
import { Severity } from '../ui/Severity.tsx';

function FleetList() {
  const now = useNow(1000);
  const fleet = useStore(app, (s) => s.fleet);
  const selected = useStore(app, (s) => s.spacecraft);
  const contacts = useStore(app, (s) => s.contacts);
  return (
    <ul className="fleet-list" aria-label="Fleet">
      {fleet.map((sc) => {
        const p = subPoint(sc.elements, now);
        const c = currentOrNextContact(contacts, sc.name, now);
        return (
          <li key={sc.name}>
            <button type="button" className="fleet-item" aria-pressed={sc.name === selected} onClick={() => { selectSpacecraft(sc.name); }} data-testid={`fleet-${sc.name}`}>
              <span className="swatch" style={{ background: spacecraftColor(fleet, sc.name) }} aria-hidden="true" />
              <strong>{sc.name}</strong> <span className="muted">{sc.role}</span>
              <span className="fleet-pos">
                {p === undefined ? 'no position' : `${p.latitudeDeg.toFixed(2)}°, ${p.longitudeDeg.toFixed(2)}° · ${p.altitudeKm.toFixed(0)} km`}
              </span>
              <span className="fleet-contact">
                {c === undefined
                  ? 'no contact planned'
                  : c.inContact
                    ? `● in contact ${c.contact.station}, LOS in ${durationText(Date.parse(c.contact.los) - now)}`
                    : `AOS ${c.contact.station} in ${durationText(Date.parse(c.contact.aos) - now)}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function StationList() {
  const stations = useStore(app, (s) => s.stations);
  return (
    <table className="compact" aria-label="Stations">
      <thead>
        <tr>
          <th scope="col">Station</th>
          <th scope="col">Link</th>
          <th scope="col">Frames</th>
        </tr>
      </thead>
      <tbody>
        {stations.map((st) => (
          <tr key={st.name}>
            <td title={`bands ${st.bands.join(', ')}, minimum elevation ${st.minElevationDeg}°`}>{st.name}</td>
            <td>
              <Severity level={st.link === undefined ? null : st.link.status === 'ok' ? 'ok' : 'warning'} />
            </td>
            <td className="num">{st.link?.framesStored ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FleetMap() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return undefined;
    const drawing = new MapDrawing(canvas.current);
    const unsubscribe = app.subscribe(() => {
      drawing.draw();
    });
    return () => {
      unsubscribe();
      drawing.destroy();
    };
  }, []);
  return (
    <div className="map-view">
      <div className="map-box">
        <canvas ref={canvas} data-testid="fleet-map" role="img" aria-label="Map of the fleet: positions, ground tracks, station visibility circles, night side" />
      </div>
      <aside className="side">
        <h2>Fleet</h2>
        <FleetList />
        <h2>Stations</h2>
        <StationList />
        <p className="muted legend">Solid: next orbit · dashed: past half orbit · dotted circles: where each station sees the selected spacecraft · shaded: night</p>
      </aside>
    </div>
  );
}
