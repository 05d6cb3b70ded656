// View 2, the pass timeline: stations x time with the planned contacts and the now-line (canvas),
// the same contacts as a keyboard-usable table, and the opened contact's detail.
import { useEffect, useRef, useState } from 'react';
import { TimelineDrawing } from '../geo/TimelineDrawing.ts';
import { app, selectContact } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { useNow } from '../state/useNow.ts';
import { durationText, isoText } from '../ui/format.ts';
import { downloadText, tableCsv } from '../ui/plotCsv.ts';
import { ContactDetail } from './ContactDetail.tsx';

const SPANS_H = [6, 12, 24, 48];

export function Passes() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<TimelineDrawing | undefined>(undefined);
  const [spanH, setSpanH] = useState(12);
  const [onlySelected, setOnlySelected] = useState(false);
  const contacts = useStore(app, (s) => s.contacts);
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const contactId = useStore(app, (s) => s.contactId);
  const openId = useStore(app, (s) => s.openContactId);
  const now = useNow(1000);

  useEffect(() => {
    if (canvas.current === null) return undefined;
    const d = new TimelineDrawing(canvas.current);
    drawing.current = d;
    const unsubscribe = app.subscribe(() => {
      d.draw();
    });
    return () => {
      unsubscribe();
      d.destroy();
      drawing.current = undefined;
    };
  }, []);
  useEffect(() => {
    if (drawing.current === undefined) return;
    drawing.current.spanMs = spanH * 3_600_000;
    drawing.current.draw();
  }, [spanH]);

  const listed = contacts.filter((c) => Date.parse(c.los) >= now - 3_600_000 && (!onlySelected || c.spacecraft === spacecraft)).sort((a, b) => a.aos.localeCompare(b.aos));
  const open = contacts.find((c) => c.id === openId);
  return (
    <div className="passes-view">
      <div className="toolbar">
        <span>Window:</span>
        {SPANS_H.map((h) => (
          <button key={h} type="button" aria-pressed={spanH === h} onClick={() => { setSpanH(h); }}>
            {h} h
          </button>
        ))}
        <label>
          <input type="checkbox" checked={onlySelected} onChange={(e) => { setOnlySelected(e.target.checked); }} /> only {spacecraft ?? 'the selected spacecraft'}
        </label>
        <button type="button" onClick={() => { downloadText('zenith-contacts.csv', tableCsv(['id', 'spacecraft', 'station', 'aos', 'los', 'maxElevationDeg', 'state'], listed.map((c) => [c.id, c.spacecraft, c.station, c.aos, c.los, c.maxElevationDeg, c.state]))); }}>
          Export CSV
        </button>
        <span className="muted">Click a contact to select it, double-click (or Open) for its sky plot.</span>
      </div>
      <div className="timeline-box">
        <canvas ref={canvas} data-testid="timeline" role="img" aria-label="Pass timeline: stations by time, planned contacts and the now-line" />
      </div>
      {open === undefined ? null : <ContactDetail contact={open} />}
      <div className="table-scroll">
        <table className="compact selectable" data-testid="contact-table" aria-label="Contacts">
          <thead>
            <tr>
              <th scope="col">Spacecraft</th>
              <th scope="col">Station</th>
              <th scope="col">AOS (UTC)</th>
              <th scope="col">LOS (UTC)</th>
              <th scope="col">Max el</th>
              <th scope="col">State</th>
              <th scope="col">In</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {listed.map((c) => {
              const aos = Date.parse(c.aos);
              const los = Date.parse(c.los);
              const inContact = aos <= now && now < los;
              return (
                <tr key={c.id} aria-selected={c.id === contactId} className={c.id === contactId ? 'selected' : undefined} onClick={() => { selectContact(c.id); }}>
                  <td>{c.spacecraft}</td>
                  <td>{c.station}</td>
                  <td>{isoText(c.aos)}</td>
                  <td>{isoText(c.los)}</td>
                  <td className="num">{c.maxElevationDeg.toFixed(1)}°</td>
                  <td>{inContact ? '● in contact' : c.state}</td>
                  <td className="num">{inContact ? `LOS ${durationText(los - now)}` : aos > now ? durationText(aos - now) : 'past'}</td>
                  <td>
                    <button type="button" onClick={(e) => { e.stopPropagation(); selectContact(c.id, true); }} data-testid="open-contact">
                      Open
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
