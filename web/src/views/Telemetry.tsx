// View 3, telemetry: the parameter tree of the selected spacecraft, the live table with limit
// states (colour, shape and label), and the plots.
import { useEffect } from 'react';
import { app } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { DEFAULT_WATCH, fullName, startTelemetry, telemetryStore, togglePlotted, toggleWatched } from '../state/telemetryStore.ts';
import { useNow } from '../state/useNow.ts';
import { durationText, isoText, valueText } from '../ui/format.ts';
import { Severity, severityClass } from '../ui/Severity.tsx';
import { ParameterTree } from './ParameterTree.tsx';
import { TelemetryPlot } from './TelemetryPlot.tsx';

function LiveTable() {
  const watched = useStore(telemetryStore, (s) => s.watched);
  const plotted = useStore(telemetryStore, (s) => s.plotted);
  const values = useStore(telemetryStore, (s) => s.values);
  const now = useNow(1000);
  if (watched.length === 0) return <p className="muted">Pick parameters in the tree to watch them here.</p>;
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="live-table" aria-label="Live parameter values">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col">Limits</th>
            <th scope="col">Generated (UTC)</th>
            <th scope="col">Age</th>
            <th scope="col">Plot</th>
            <th scope="col"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {watched.map((name) => {
            const v = values.get(name);
            return (
              <tr key={name} className={`row-${severityClass(v?.state)}`} data-param={name} data-state={v?.state ?? ''}>
                <th scope="row" className="param-name">{name}</th>
                <td className="num value">{valueText(v?.eng)}</td>
                <td><Severity level={v?.state} /></td>
                <td>{isoText(v?.generationTime)}</td>
                <td className="num">{v === undefined ? '—' : durationText(Math.max(0, now - Date.parse(v.generationTime)))}</td>
                <td>
                  <label>
                    <input type="checkbox" checked={plotted.includes(name)} onChange={() => { togglePlotted(name); }} data-testid="plot-toggle" />
                    <span className="sr-only">plot {name}</span>
                  </label>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => { toggleWatched(name); }} aria-label={`stop watching ${name}`}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Telemetry() {
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const problem = useStore(telemetryStore, (s) => s.problem);
  useEffect(() => startTelemetry(), []);
  useEffect(() => {
    if (spacecraft === null) return;
    // A spacecraft looked at for the first time gets its essentials in the table.
    telemetryStore.set((s) => (s.watched.some((n) => n.startsWith(`/${spacecraft}/`)) ? {} : { watched: [...s.watched, ...DEFAULT_WATCH.map((q) => fullName(spacecraft, q))] }));
  }, [spacecraft]);
  if (spacecraft === null) return <p>Loading the fleet…</p>;
  return (
    <div className="telemetry-view">
      <aside className="side-left">
        <h2>{spacecraft} parameters</h2>
        <ParameterTree spacecraft={spacecraft} />
      </aside>
      <div className="telemetry-main">
        {problem === null ? null : <p className="field-error" role="alert">{problem}</p>}
        <LiveTable />
        <TelemetryPlot />
      </div>
    </div>
  );
}
