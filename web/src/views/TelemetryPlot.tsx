// Plots of the chosen parameters: the archive's history (GET /api/parameters/{name}/history, the
// mean of each bucket) joined with the live values received since, over a window ending at the
// global clock's instant; drag to zoom in time; CSV export of what is plotted.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, parameterPath, query } from '../api/http.ts';
import type { HistoryPoint } from '../api/types.ts';
import { useStore } from '../state/createStore.ts';
import { telemetryStore } from '../state/telemetryStore.ts';
import { useClockState, useNow } from '../state/useNow.ts';
import { SERIES_COLORS } from '../ui/colors.ts';
import { downloadText, plotCsv } from '../ui/plotCsv.ts';
import { UPlotChart } from '../ui/UPlotChart.tsx';

const SPANS: readonly (readonly [string, number])[] = [
  ['15 min', 900_000],
  ['1 h', 3_600_000],
  ['6 h', 21_600_000],
  ['24 h', 86_400_000],
];
const POINTS = 600;

type Series = readonly (readonly [number, number])[];

export function TelemetryPlot() {
  const plotted = useStore(telemetryStore, (s) => s.plotted);
  const livePoints = useStore(telemetryStore, (s) => s.livePoints);
  const clockState = useClockState();
  const now = useNow(1000);
  const [spanMs, setSpanMs] = useState(3_600_000);
  const [zoom, setZoom] = useState<readonly [number, number] | null>(null);
  const [history, setHistory] = useState<ReadonlyMap<string, Series>>(new Map());
  const [fetchedAt, setFetchedAt] = useState<{ toMs: number; key: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const windowTo = zoom === null ? now : zoom[1];
  const windowFrom = zoom === null ? now - spanMs : zoom[0];
  const key = `${plotted.join('|')}#${spanMs}#${zoom?.join('-') ?? ''}#${clockState.mode}`;
  // Fetch again when the series, the span or the zoom change, or when the window has moved by a
  // tenth of its width (fixed or fast-forward clock; live values fill the gap in live mode).
  const stale = fetchedAt === null || fetchedAt.key !== key || (clockState.mode !== 'live' && Math.abs(windowTo - fetchedAt.toMs) > (windowTo - windowFrom) / 10);

  // Only the answer to the newest request is used (a slow answer to an older window is dropped).
  const requests = useRef(0);
  useEffect(() => {
    if (!stale || plotted.length === 0) return;
    const request = ++requests.current;
    const cancelled = (): boolean => request !== requests.current;
    const fromIso = new Date(windowFrom).toISOString();
    const toIso = new Date(windowTo).toISOString();
    setFetchedAt({ toMs: windowTo, key });
    Promise.all(
      plotted.map(async (name) => {
        const h = await api<{ points: HistoryPoint[] }>(`${parameterPath(name, 'history')}${query({ from: fromIso, to: toIso, points: POINTS })}`);
        return [name, h.points.map((p) => [(Date.parse(p.time) + Date.parse(p.endTime)) / 2, p.mean] as const)] as const;
      }),
    ).then(
      (entries) => {
        if (cancelled()) return;
        setHistory(new Map(entries));
        setProblem(null);
      },
      (e: unknown) => {
        if (!cancelled()) setProblem(e instanceof Error ? e.message : String(e));
      },
    );
  }, [stale, key, plotted, windowFrom, windowTo]);

  const data = useMemo(() => {
    const merged = plotted.map((name) => {
      const h = history.get(name) ?? [];
      const lastHistoryMs = h.length === 0 ? -Infinity : (h[h.length - 1]?.[0] ?? -Infinity);
      const liveAfter = (livePoints.get(name) ?? []).filter((p) => p[0] > lastHistoryMs);
      return [...h, ...liveAfter];
    });
    const xs = [...new Set(merged.flatMap((s) => s.map((p) => p[0] / 1000)))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const ys = merged.map((s) => {
      const out: (number | null)[] = new Array<number | null>(xs.length).fill(null);
      for (const [t, v] of s) {
        const i = index.get(t / 1000);
        if (i !== undefined) out[i] = v;
      }
      return out;
    });
    return { xs, ys };
  }, [plotted, history, livePoints]);

  if (plotted.length === 0) return <p className="muted">Tick “plot” for a parameter of the table to plot its history and live values.</p>;
  const xRange: [number, number] = [windowFrom / 1000, windowTo / 1000];
  const exportCsv = () => {
    downloadText(`zenith-plot-${new Date(windowFrom).toISOString().slice(0, 19)}.csv`, plotCsv(plotted, data.xs, data.ys, xRange[0], xRange[1]));
  };
  return (
    <section className="plot" aria-label="Parameter plot">
      <div className="toolbar">
        {SPANS.map(([label, ms]) => (
          <button key={label} type="button" aria-pressed={zoom === null && spanMs === ms} onClick={() => { setSpanMs(ms); setZoom(null); }}>
            {label}
          </button>
        ))}
        <button type="button" disabled={zoom === null} onClick={() => { setZoom(null); }}>
          Reset zoom
        </button>
        <button type="button" onClick={exportCsv} data-testid="export-csv">
          Export CSV
        </button>
        <span className="muted">Drag across the plot to zoom in time.</span>
        {problem === null ? null : <span className="field-error">{problem}</span>}
      </div>
      <UPlotChart
        label={`Plot of ${plotted.join(', ')}`}
        testId="telemetry-plot"
        seriesKey={plotted.join('|')}
        height={240}
        xRange={xRange}
        onSelectRange={(min, max) => { setZoom([min * 1000, max * 1000]); }}
        data={[data.xs, ...data.ys]}
        options={{
          series: [{}, ...plotted.map((name, i) => ({ label: name, stroke: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#fff', spanGaps: true, points: { show: false } }))],
          axes: [{ stroke: '#adb5bd', grid: { stroke: 'rgba(255,255,255,0.08)' } }, { stroke: '#adb5bd', grid: { stroke: 'rgba(255,255,255,0.08)' } }],
        }}
      />
    </section>
  );
}
