// uPlot as an imperative island: made once per set of series, fed new data with setData (no
// re-render of React for a new point), resized with its box. The x range (unix seconds) is the
// caller's: a drag selects a range and reports it (zoom in time), the caller decides.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/** Tick labels in UTC (uPlot's defaults are local time with am/pm). */
function utcTicks(_u: uPlot, splits: number[], _axis: number, _space: number, increment: number): string[] {
  return splits.map((s) => {
    const iso = new Date(s * 1000).toISOString();
    if (increment >= 86_400) return iso.slice(0, 10);
    return increment < 60 ? iso.slice(11, 19) : iso.slice(11, 16);
  });
}

export interface UPlotChartProps {
  /** Options without size, x scale and cursor (made here). Changing `seriesKey` rebuilds the plot. */
  readonly options: Omit<uPlot.Options, 'width' | 'height' | 'cursor'>;
  readonly seriesKey: string;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  /** [min, max] in unix seconds; null: the data's extent. */
  readonly xRange: readonly [number, number] | null;
  readonly onSelectRange?: (min: number, max: number) => void;
  readonly label: string;
  readonly testId?: string;
}

export function UPlotChart({ options, seriesKey, data, height, xRange, onSelectRange, label, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const latest = useRef({ data, xRange, onSelectRange });
  latest.current = { data, xRange, onSelectRange };

  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const [xAxis, ...yAxes] = options.axes ?? [{}, {}];
    const [, ...ySeries] = options.series;
    const full: uPlot.Options = {
      ...options,
      axes: [{ ...xAxis, values: utcTicks }, ...yAxes],
      series: [{ label: 'UTC', value: (_u, v: number | null) => (v === null ? '--' : new Date(v * 1000).toISOString().slice(0, 19).replace('T', ' ')) }, ...ySeries],
      width: Math.max(200, el.clientWidth),
      height,
      scales: {
        ...options.scales,
        x: { time: true, range: (_u, min, max) => (latest.current.xRange === null ? [min, max] : [latest.current.xRange[0], latest.current.xRange[1]]) },
      },
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        ...options.hooks,
        setSelect: [
          (u) => {
            if (u.select.width > 4) {
              const min = u.posToVal(u.select.left, 'x');
              const max = u.posToVal(u.select.left + u.select.width, 'x');
              latest.current.onSelectRange?.(min, max);
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
    };
    const p = new uPlot(full, latest.current.data, el);
    plot.current = p;
    const resize = new ResizeObserver(() => {
      p.setSize({ width: Math.max(200, el.clientWidth), height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = undefined;
    };
    // Rebuilt only when the series change; data and range go through setData below.
  }, [seriesKey, height]);

  useEffect(() => {
    plot.current?.setData(data, true);
    if (box.current !== null) box.current.dataset['points'] = String(data[0].length);
  }, [data, xRange]);

  return <div ref={box} className="uplot-box" role="img" aria-label={label} data-testid={testId} />;
}
