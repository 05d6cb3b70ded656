// Status by colour AND shape AND label (AstroUX semantics), so it reads without colour too.
const LEVELS: Readonly<Record<string, { readonly cls: string; readonly shape: string }>> = {
  normal: { cls: 'st-normal', shape: '●' },
  info: { cls: 'st-normal', shape: '●' },
  ok: { cls: 'st-normal', shape: '●' },
  watch: { cls: 'st-caution', shape: '▲' },
  warning: { cls: 'st-serious', shape: '◆' },
  distress: { cls: 'st-critical', shape: '■' },
  critical: { cls: 'st-critical', shape: '■' },
  severe: { cls: 'st-critical', shape: '■' },
  error: { cls: 'st-critical', shape: '■' },
};

export function severityClass(level: string | null | undefined): string {
  return LEVELS[level ?? '']?.cls ?? 'st-off';
}

/** A status badge: shape, then the level's name. `null` (no limits) shows as a dash. */
export function Severity({ level }: { readonly level: string | null | undefined }) {
  if (level === null || level === undefined) return <span className="badge st-off" aria-label="no limits">–</span>;
  const l = LEVELS[level] ?? { cls: 'st-off', shape: '○' };
  return (
    <span className={`badge ${l.cls}`} data-level={level}>
      <span aria-hidden="true">{l.shape}</span> {level.toUpperCase()}
    </span>
  );
}
