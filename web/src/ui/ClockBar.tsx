// The global clock's controls: live (the complex's clock), a fixed instant, or fast-forward from an
// instant at a chosen rate; steps back and forth. Every view follows this one clock.
import { useState } from 'react';
import { clock } from '../state/GlobalClock.ts';
import { useClockState, useNow } from '../state/useNow.ts';
import { fromInputUtc, toInputUtc, utcText } from './format.ts';

const RATES = [1, 10, 60, 600, 3600];

export function ClockBar() {
  const now = useNow(200);
  const state = useClockState();
  const [text, setText] = useState('');
  // Fast-forward runs at the complex's own speed unless another rate is picked.
  const [pickedRate, setRate] = useState<number | null>(null);
  const rate = pickedRate ?? state.serverSpeed;
  const rates = RATES.includes(rate) ? RATES : [...RATES, rate].sort((a, b) => a - b);
  const [problem, setProblem] = useState<string | null>(null);

  const chosen = (): number | undefined => {
    const ms = text === '' ? clock.nowMs() : fromInputUtc(text);
    if (!Number.isFinite(ms)) {
      setProblem(`expected a UTC time such as 2026-11-25T21:00:00, found "${text}"`);
      return undefined;
    }
    setProblem(null);
    return ms;
  };

  const modeText = state.mode === 'live' ? `LIVE x${state.serverSpeed}` : state.mode === 'fixed' ? 'FIXED' : `FAST-FORWARD x${state.rate}`;
  return (
    <div className="clockbar" role="group" aria-label="Global clock">
      <time className="clock-now" data-testid="clock-now" dateTime={new Date(now).toISOString()}>
        {utcText(now)} UTC
      </time>
      <span className={`clock-mode mode-${state.mode}`} data-testid="clock-mode">
        {modeText}
      </span>
      <button type="button" onClick={() => { clock.live(); }} aria-pressed={state.mode === 'live'} title="Follow the complex's clock (L)">
        Live
      </button>
      <button type="button" onClick={() => { clock.step(-600_000); }} title="Back 10 minutes (,)">
        −10m
      </button>
      <button type="button" onClick={() => { clock.step(600_000); }} title="Forward 10 minutes (.)">
        +10m
      </button>
      <label className="clock-input">
        <span className="sr-only">Instant (UTC)</span>
        <input
          type="text"
          placeholder={toInputUtc(now)}
          value={text}
          onChange={(e) => { setText(e.target.value); }}
          aria-invalid={problem !== null}
          size={17}
        />
      </label>
      <button
        type="button"
        onClick={() => {
          const ms = chosen();
          if (ms !== undefined) clock.fixed(ms);
        }}
        aria-pressed={state.mode === 'fixed'}
      >
        Fix
      </button>
      <label>
        <span className="sr-only">Fast-forward rate</span>
        <select value={rate} onChange={(e) => { setRate(Number(e.target.value)); }}>
          {rates.map((r) => (
            <option key={r} value={r}>
              x{r}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => {
          const ms = chosen();
          if (ms !== undefined) clock.forward(ms, rate);
        }}
        aria-pressed={state.mode === 'forward'}
      >
        Run
      </button>
      {problem === null ? null : (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
