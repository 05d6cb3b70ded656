// The pass timeline on a canvas, drawn outside React: one row per station, the planned contacts as
// bars coloured by spacecraft, the selected one outlined, and the global clock as the now-line.
import type { Contact } from '../api/types.ts';
import { app, selectContact } from '../state/appStore.ts';
import { clock } from '../state/GlobalClock.ts';
import { spacecraftColor } from '../ui/colors.ts';

const LABEL_W = 130;
const AXIS_H = 22;
const ROW_H = 34;
const FRAME_MS = 500;
const HOUR = 3_600_000;

export class TimelineDrawing {
  spanMs = 12 * HOUR;
  private timer: ReturnType<typeof setInterval>;
  private readonly resize: ResizeObserver;
  private bars: { contact: Contact; x0: number; x1: number; y0: number; y1: number }[] = [];

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.resize = new ResizeObserver(() => {
      this.draw();
    });
    if (canvas.parentElement !== null) this.resize.observe(canvas.parentElement);
    canvas.addEventListener('click', this.onClick);
    canvas.addEventListener('dblclick', this.onDoubleClick);
    this.timer = setInterval(() => {
      this.draw();
    }, FRAME_MS);
    this.draw();
  }

  destroy(): void {
    clearInterval(this.timer);
    this.resize.disconnect();
    this.canvas.removeEventListener('click', this.onClick);
    this.canvas.removeEventListener('dblclick', this.onDoubleClick);
  }

  private hit(e: MouseEvent): Contact | undefined {
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    return this.bars.find((b) => x >= b.x0 - 3 && x <= b.x1 + 3 && y >= b.y0 && y <= b.y1)?.contact;
  }

  private readonly onClick = (e: MouseEvent): void => {
    const c = this.hit(e);
    if (c !== undefined) selectContact(c.id);
  };

  private readonly onDoubleClick = (e: MouseEvent): void => {
    const c = this.hit(e);
    if (c !== undefined) selectContact(c.id, true);
  };

  draw(): void {
    const parent = this.canvas.parentElement;
    const ctx = this.canvas.getContext('2d');
    if (parent === null || ctx === null) return;
    const { stations, contacts, fleet, contactId } = app.get();
    const width = Math.max(300, parent.clientWidth);
    const height = AXIS_H + ROW_H * Math.max(1, stations.length) + 4;
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#101820';
    ctx.fillRect(0, 0, width, height);
    const now = clock.nowMs();
    const fromMs = now - this.spanMs / 6;
    const toMs = fromMs + this.spanMs;
    const plotW = width - LABEL_W - 8;
    const xOf = (ms: number): number => LABEL_W + ((ms - fromMs) / (toMs - fromMs)) * plotW;

    // Hour ticks.
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const stepMs = this.spanMs > 24 * HOUR ? 6 * HOUR : this.spanMs > 8 * HOUR ? 2 * HOUR : HOUR;
    const xNow = xOf(now);
    for (let t = Math.ceil(fromMs / stepMs) * stepMs; t <= toMs; t += stepMs) {
      const x = xOf(t);
      // The now-line's label wins over an hour label it would cover.
      const labelled = Math.abs(x - xNow) > 44;
      ctx.strokeStyle = 'rgba(255,255,255,0.1)';
      ctx.beginPath();
      ctx.moveTo(x, AXIS_H);
      ctx.lineTo(x, height);
      ctx.stroke();
      ctx.fillStyle = '#adb5bd';
      if (labelled) ctx.fillText(new Date(t).toISOString().slice(11, 16), x - 14, AXIS_H / 2);
    }

    this.bars = [];
    stations.forEach((st, row) => {
      const y = AXIS_H + row * ROW_H;
      ctx.fillStyle = row % 2 === 0 ? 'rgba(255,255,255,0.03)' : 'rgba(0,0,0,0)';
      ctx.fillRect(0, y, width, ROW_H);
      ctx.fillStyle = '#e9ecef';
      ctx.fillText(st.name, 6, y + ROW_H / 2);
      for (const c of contacts) {
        if (c.station !== st.name) continue;
        const aos = Date.parse(c.aos);
        const los = Date.parse(c.los);
        if (los < fromMs || aos > toMs) continue;
        const x0 = Math.max(LABEL_W, xOf(aos));
        const x1 = Math.min(width - 8, Math.max(x0 + 3, xOf(los)));
        const y0 = y + 5;
        const y1 = y + ROW_H - 5;
        ctx.fillStyle = spacecraftColor(fleet, c.spacecraft);
        ctx.globalAlpha = c.state === 'cancelled' ? 0.3 : 0.85;
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        ctx.globalAlpha = 1;
        if (c.id === contactId) {
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 2.5;
          ctx.strokeRect(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4);
          ctx.lineWidth = 1;
        }
        if (x1 - x0 > 50) {
          ctx.fillStyle = '#000000';
          ctx.fillText(c.spacecraft, x0 + 3, y + ROW_H / 2);
        }
        this.bars.push({ contact: c, x0, x1, y0, y1 });
      }
    });

    ctx.strokeStyle = '#ff6b6b';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(xNow, AXIS_H - 4);
    ctx.lineTo(xNow, height);
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.fillStyle = '#ff6b6b';
    ctx.fillText('now', xNow + 3, AXIS_H / 2);
    this.canvas.dataset['contacts'] = String(this.bars.length);
  }
}
