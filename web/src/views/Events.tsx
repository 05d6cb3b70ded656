// View 6, the events log: newest first, live; filters by minimum severity, source and text.
import { useState } from 'react';
import { useStore } from '../state/createStore.ts';
import { eventsStore } from '../state/eventsStore.ts';
import { isoText } from '../ui/format.ts';
import { downloadText, tableCsv } from '../ui/plotCsv.ts';
import { Severity } from '../ui/Severity.tsx';

const SEVERITIES = ['info', 'watch', 'warning', 'distress', 'critical', 'severe'];
const MAX_ROWS = 1000;

export function Events() {
  const { events, loaded } = useStore(eventsStore, (s) => s);
  const [minSeverity, setMinSeverity] = useState('info');
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const sources = [...new Set(events.map((e) => e.source))].sort();
  const minRank = SEVERITIES.indexOf(minSeverity);
  const needle = text.trim().toLowerCase();
  const list = events.filter(
    (e) =>
      Math.max(0, SEVERITIES.indexOf(e.severity)) >= minRank &&
      (source === '' || e.source === source) &&
      (needle === '' || e.message.toLowerCase().includes(needle) || e.type.toLowerCase().includes(needle)),
  );
  return (
    <div className="events-view">
      <div className="toolbar">
        <label>
          Severity at least{' '}
          <select value={minSeverity} onChange={(e) => { setMinSeverity(e.target.value); }} data-testid="event-severity">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Source{' '}
          <select value={source} onChange={(e) => { setSource(e.target.value); }}>
            <option value="">all</option>
            {sources.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Search the events</span>
          <input type="search" placeholder="search text" value={text} onChange={(e) => { setText(e.target.value); }} />
        </label>
        <button type="button" onClick={() => { downloadText('zenith-events.csv', tableCsv(['time', 'severity', 'source', 'type', 'message'], list.map((e) => [e.time, e.severity, e.source, e.type, e.message]))); }}>
          Export CSV
        </button>
        <span className="muted">
          {list.length} of {events.length} events{list.length > MAX_ROWS ? ` (newest ${MAX_ROWS} shown)` : ''}
        </span>
      </div>
      {loaded && list.length === 0 ? <p className="muted">No events match.</p> : null}
      <div className="table-scroll">
        <table className="compact" data-testid="event-table" aria-label="Events">
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Severity</th>
              <th scope="col">Source</th>
              <th scope="col">Type</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(0, MAX_ROWS).map((e) => (
              <tr key={e.id}>
                <td>{isoText(e.time)}</td>
                <td><Severity level={e.severity} /></td>
                <td>{e.source}</td>
                <td>{e.type}</td>
                <td className="wrap">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
