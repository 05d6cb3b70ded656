// The fleet map on a canvas, drawn outside React: land (world-atlas 110m, bundled), graticule,
// night side, station visibility circles, ground tracks (past half orbit, next orbit) and
// positions, redrawn a few times a second from the global clock and the app store.
import { geoCircle, geoEquirectangular, geoGraticule10, geoPath } from 'd3-geo';
import type { GeoPermissibleObjects, GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-110m.json';
import { app, selectSpacecraft } from '../state/appStore.ts';
import { clock } from '../state/GlobalClock.ts';
import { spacecraftColor } from '../ui/colors.ts';
import { footprintRadiusDeg, groundTrack, orbitalPeriodMs, subPoint } from './fleetGeometry.ts';
import { subsolarPoint } from './subsolarPoint.ts';

const topology = landTopology as unknown as Topology<{ land: GeometryCollection }>;
const land = feature(topology, topology.objects.land);
const graticule = geoGraticule10();
const FRAME_MS = 250;

export class MapDrawing {
  private projection: GeoProjection = geoEquirectangular();
  private background: HTMLCanvasElement | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly resize: ResizeObserver;
  private positions: { name: string; x: number; y: number }[] = [];
  frames = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.resize = new ResizeObserver(() => {
      this.layout();
      this.draw();
    });
    const parent = canvas.parentElement;
    if (parent !== null) this.resize.observe(parent);
    canvas.addEventListener('click', this.onClick);
    this.layout();
    this.draw();
    this.timer = setInterval(() => {
      this.draw();
    }, FRAME_MS);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.resize.disconnect();
    this.canvas.removeEventListener('click', this.onClick);
  }

  private readonly onClick = (e: MouseEvent): void => {
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    let best: { name: string; d: number } | undefined;
    for (const p of this.positions) {
      const d = Math.hypot(p.x - x, p.y - y);
      if (d < 20 && (best === undefined || d < best.d)) best = { name: p.name, d };
    }
    if (best !== undefined) selectSpacecraft(best.name);
  };

  private layout(): void {
    const parent = this.canvas.parentElement;
    if (parent === null) return;
    const availableW = parent.clientWidth;
    const availableH = parent.clientHeight;
    const width = Math.max(200, Math.min(availableW, availableH * 2));
    const height = width / 2;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.projection = geoEquirectangular().fitExtent(
      [
        [0, 0],
        [width, height],
      ],
      { type: 'Sphere' },
    );
    // Land and graticule do not move: drawn once per size.
    const bg = document.createElement('canvas');
    bg.width = this.canvas.width;
    bg.height = this.canvas.height;
    const ctx = bg.getContext('2d');
    if (ctx === null) return;
    ctx.scale(dpr, dpr);
    const path = geoPath(this.projection, ctx);
    ctx.fillStyle = '#0b1e33';
    ctx.fillRect(0, 0, width, height);
    ctx.beginPath();
    path(land);
    ctx.fillStyle = '#2b3d2f';
    ctx.fill();
    ctx.strokeStyle = '#4b6351';
    ctx.lineWidth = 0.6;
    ctx.stroke();
    ctx.beginPath();
    path(graticule);
    ctx.strokeStyle = 'rgba(255,255,255,0.08)';
    ctx.stroke();
    this.background = bg;
  }

  draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (ctx === null || this.background === undefined) return;
    const dpr = window.devicePixelRatio || 1;
    const { fleet, stations, spacecraft: selected } = app.get();
    const now = clock.nowMs();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.background, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const path = geoPath(this.projection, ctx);
    const stroke = (object: GeoPermissibleObjects, style: string, width: number, dash: number[] = []): void => {
      ctx.beginPath();
      path(object);
      ctx.setLineDash(dash);
      ctx.strokeStyle = style;
      ctx.lineWidth = width;
      ctx.stroke();
      ctx.setLineDash([]);
    };

    // Night: the hemisphere centred on the antisolar point.
    const sun = subsolarPoint(now);
    ctx.beginPath();
    path(geoCircle().center([sun.longitudeDeg + 180, -sun.latitudeDeg]).radius(90)());
    ctx.fillStyle = 'rgba(0, 0, 20, 0.45)';
    ctx.fill();

    const selectedSc = fleet.find((s) => s.name === selected);
    const selectedAltitude = selectedSc === undefined ? undefined : subPoint(selectedSc.elements, now)?.altitudeKm;
    for (const st of stations) {
      if (selectedAltitude !== undefined) {
        const radius = footprintRadiusDeg(selectedAltitude, st.minElevationDeg);
        ctx.beginPath();
        path(geoCircle().center([st.longitudeDeg, st.latitudeDeg]).radius(radius)());
        ctx.fillStyle = 'rgba(255, 255, 255, 0.05)';
        ctx.fill();
        stroke(geoCircle().center([st.longitudeDeg, st.latitudeDeg]).radius(radius)(), 'rgba(255,255,255,0.45)', 1, [3, 3]);
      }
      const p = this.projection([st.longitudeDeg, st.latitudeDeg]);
      if (p === null) continue;
      ctx.fillStyle = '#e9ecef';
      ctx.fillRect(p[0] - 3, p[1] - 3, 6, 6);
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(st.name, p[0] + 5, p[1] + 12);
    }

    this.positions = [];
    for (const sc of fleet) {
      const color = spacecraftColor(fleet, sc.name);
      const isSelected = sc.name === selected;
      const period = orbitalPeriodMs(sc.elements);
      const past = groundTrack(sc.elements, now - period / 2, now, 90);
      const next = groundTrack(sc.elements, now, now + period, 180);
      stroke({ type: 'LineString', coordinates: past }, color, isSelected ? 1.5 : 0.8, [4, 4]);
      stroke({ type: 'LineString', coordinates: next }, color, isSelected ? 2.2 : 1);
      const here = subPoint(sc.elements, now);
      if (here === undefined) continue;
      const p = this.projection([here.longitudeDeg, here.latitudeDeg]);
      if (p === null) continue;
      this.positions.push({ name: sc.name, x: p[0], y: p[1] });
      ctx.beginPath();
      ctx.arc(p[0], p[1], isSelected ? 7 : 5, 0, 2 * Math.PI);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = isSelected ? 2.5 : 1;
      ctx.strokeStyle = isSelected ? '#ffffff' : '#000000';
      ctx.stroke();
      ctx.font = isSelected ? 'bold 12px system-ui, sans-serif' : '11px system-ui, sans-serif';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(sc.name, p[0] + 9, p[1] - 8);
    }
    this.frames++;
    this.canvas.dataset['frames'] = String(this.frames);
    this.canvas.dataset['spacecraft'] = this.positions.map((p) => p.name).join(',');
  }
}
