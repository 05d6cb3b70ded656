// The sky (polar) plot of a contact: azimuth around (north up, east right), elevation from 90 deg
// at the centre to 0 at the rim; the station's horizon mask, the pass track with AOS/LOS marks,
// and where the spacecraft is at the global clock's instant.
import type { Station } from '../api/types.ts';
import type { ContactSample } from './contactGeometry.ts';

const DEG = Math.PI / 180;

export function drawSkyPlot(canvas: HTMLCanvasElement, station: Station, track: readonly ContactSample[], now: ContactSample | undefined, color: string): void {
  const size = Math.min(canvas.parentElement?.clientWidth ?? 300, 300);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(size * dpr);
  canvas.height = Math.round(size * dpr);
  canvas.style.width = `${size}px`;
  canvas.style.height = `${size}px`;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const c = size / 2;
  const r = size / 2 - 18;
  const xy = (azDeg: number, elDeg: number): [number, number] => {
    const rho = (r * (90 - Math.max(0, elDeg))) / 90;
    return [c + rho * Math.sin(azDeg * DEG), c - rho * Math.cos(azDeg * DEG)];
  };
  ctx.fillStyle = '#0b1e33';
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = 'rgba(255,255,255,0.25)';
  ctx.fillStyle = '#adb5bd';
  ctx.font = '10px system-ui, sans-serif';
  for (const el of [0, 30, 60]) {
    ctx.beginPath();
    ctx.arc(c, c, (r * (90 - el)) / 90, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillText(`${el}°`, c + 2, c - (r * (90 - el)) / 90 + 10);
  }
  for (const [az, label] of [[0, 'N'], [90, 'E'], [180, 'S'], [270, 'W']] as const) {
    const [x, y] = xy(az, -5);
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.lineTo(...xy(az, 0));
    ctx.stroke();
    ctx.fillText(label, x - 3, y + 4);
  }
  // Horizon mask (and minimum elevation) shaded.
  ctx.beginPath();
  for (let az = 0; az <= 360; az += 5) {
    const el = Math.max(station.minElevationDeg, maskAt(station, az));
    const [x, y] = xy(az, el);
    if (az === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.arc(c, c, r, -Math.PI / 2, (3 * Math.PI) / 2, false);
  ctx.fillStyle = 'rgba(255, 160, 60, 0.25)';
  ctx.fill('evenodd');
  // The track.
  ctx.beginPath();
  track.forEach((s, i) => {
    const [x, y] = xy(s.azimuthDeg, s.elevationDeg);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.lineWidth = 1;
  const first = track[0];
  const last = track[track.length - 1];
  ctx.fillStyle = '#ffffff';
  if (first !== undefined) {
    const [x, y] = xy(first.azimuthDeg, first.elevationDeg);
    ctx.fillText('AOS', x + 4, y);
  }
  if (last !== undefined) {
    const [x, y] = xy(last.azimuthDeg, last.elevationDeg);
    ctx.fillText('LOS', x + 4, y);
  }
  if (now !== undefined && now.elevationDeg >= 0) {
    const [x, y] = xy(now.azimuthDeg, now.elevationDeg);
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  canvas.dataset['samples'] = String(track.length);
}

function maskAt(station: Station, azDeg: number): number {
  const m = station.horizonMask;
  if (m.length === 0) return 0;
  for (let i = 0; i < m.length - 1; i++) {
    const a = m[i];
    const b = m[i + 1];
    if (a === undefined || b === undefined) continue;
    if (azDeg >= a[0] && azDeg <= b[0]) return b[0] === a[0] ? a[1] : a[1] + ((b[1] - a[1]) * (azDeg - a[0])) / (b[0] - a[0]);
  }
  return m[0]?.[1] ?? 0;
}
