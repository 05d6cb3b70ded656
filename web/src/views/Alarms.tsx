// View 4, alarms: severity (colour, shape, label), times, value, limit and state; an alarm stays
// flagged until acknowledged (raised, or cleared but not acknowledged), with an optional comment.
import { useState } from 'react';
import type { Alarm } from '../api/types.ts';
import { acknowledgeAlarm, alarmsStore, needsAcknowledgement } from '../state/alarmsStore.ts';
import { app, selectSpacecraft } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { useRole } from '../state/session.ts';
import { isoText, valueText } from '../ui/format.ts';
import { downloadText, tableCsv } from '../ui/plotCsv.ts';
import { Severity } from '../ui/Severity.tsx';

type Filter = 'active' | 'unacknowledged' | 'all';

function shown(a: Alarm, filter: Filter, spacecraft: string | null, onlySelected: boolean): boolean {
  if (onlySelected && a.spacecraft !== spacecraft) return false;
  if (filter === 'unacknowledged') return needsAcknowledgement(a);
  if (filter === 'active') return a.state !== 'closed';
  return true;
}

function AckButton({ alarm }: { readonly alarm: Alarm }) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const operator = useRole('operator');
  if (!needsAcknowledgement(alarm)) {
    return (
      <span className="muted">
        ✓ {alarm.acknowledgedBy ?? ''} {isoText(alarm.acknowledgedAt, false)}
        {alarm.acknowledgeComment === null ? '' : ` — ${alarm.acknowledgeComment}`}
      </span>
    );
  }
  if (!operator) return <span className="muted">to acknowledge (operator role)</span>;
  return (
    <form
      className="ack"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        acknowledgeAlarm(alarm.id, comment.trim()).then(
          () => {
            setBusy(false);
          },
          (error: unknown) => {
            setBusy(false);
            setProblem(error instanceof Error ? error.message : String(error));
          },
        );
      }}
    >
      <label>
        <span className="sr-only">Comment for alarm {alarm.id}</span>
        <input value={comment} placeholder="comment" onChange={(e) => { setComment(e.target.value); }} size={12} />
      </label>
      <button type="submit" disabled={busy} data-testid="ack-button">
        Acknowledge
      </button>
      {problem === null ? null : <span className="field-error">{problem}</span>}
    </form>
  );
}

export function Alarms() {
  const { alarms, loaded, error } = useStore(alarmsStore, (s) => s);
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const [filter, setFilter] = useState<Filter>('active');
  const [onlySelected, setOnlySelected] = useState(false);
  const list = alarms.filter((a) => shown(a, filter, spacecraft, onlySelected));
  const unacked = alarms.filter(needsAcknowledgement).length;
  return (
    <div className="alarms-view">
      <div className="toolbar">
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => { setFilter(e.target.value as Filter); }}>
            <option value="active">active (not closed)</option>
            <option value="unacknowledged">to acknowledge</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={onlySelected} onChange={(e) => { setOnlySelected(e.target.checked); }} /> only {spacecraft ?? 'the selected spacecraft'}
        </label>
        <span>{unacked} to acknowledge</span>
        <button
          type="button"
          onClick={() => {
            downloadText(
              'zenith-alarms.csv',
              tableCsv(
                ['id', 'severity', 'state', 'spacecraft', 'parameter', 'raisedAt', 'value', 'triggerValue', 'limit', 'maxSeverity', 'acknowledgedBy', 'acknowledgedAt', 'comment', 'clearedAt'],
                list.map((a) => [a.id, a.severity, a.state, a.spacecraft, a.parameter, a.raisedAt, a.value, a.triggerValue, a.limit, a.maxSeverity, a.acknowledgedBy, a.acknowledgedAt, a.acknowledgeComment, a.clearedAt]),
              ),
            );
          }}
        >
          Export CSV
        </button>
        {error === null ? null : <span className="field-error">{error}</span>}
      </div>
      {loaded && list.length === 0 ? <p className="muted">No alarms.</p> : null}
      <div className="table-scroll">
        <table className="compact" data-testid="alarm-table" aria-label="Alarms">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Spacecraft</th>
              <th scope="col">Parameter</th>
              <th scope="col">Raised (UTC)</th>
              <th scope="col">Value</th>
              <th scope="col">Trigger</th>
              <th scope="col">Limit</th>
              <th scope="col">Worst</th>
              <th scope="col">Acknowledgement</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} className={needsAcknowledgement(a) ? 'unacked' : undefined} data-alarm={a.id} data-state={a.state} onClick={() => { if (a.spacecraft !== null) selectSpacecraft(a.spacecraft); }}>
                <td><Severity level={a.severity} /></td>
                <td>{needsAcknowledgement(a) ? <strong className="flag">⚑ {a.state.toUpperCase()}</strong> : a.state}</td>
                <td>{a.spacecraft ?? '—'}</td>
                <td className="param-name wrap" title={a.message ?? ''}>{a.parameter}</td>
                <td>{isoText(a.raisedAt)}</td>
                <td className="num">{valueText(a.value)}</td>
                <td className="num">{valueText(a.triggerValue)}</td>
                <td className="num">{valueText(a.limit)}</td>
                <td><Severity level={a.maxSeverity} /></td>
                <td><AckButton alarm={a} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
