// The mission-control shell: header (global clock, AOS/LOS countdown, link status, user), the view
// tabs with their shortcuts (1..6), the alarm banner, and the view shown.
import { useEffect, useState } from 'react';
import { alarmsStore, needsAcknowledgement } from './state/alarmsStore.ts';
import { app, cycleSpacecraft, selectSpacecraft, showView, viewFromPath, VIEW_LABELS, VIEWS } from './state/appStore.ts';
import type { ViewName } from './state/appStore.ts';
import { useStore } from './state/createStore.ts';
import { clock } from './state/GlobalClock.ts';
import { live } from './state/live.ts';
import { checkSession, logout } from './state/session.ts';
import { ClockBar } from './ui/ClockBar.tsx';
import { NextContact } from './ui/NextContact.tsx';
import { Alarms } from './views/Alarms.tsx';
import { Commanding } from './views/Commanding.tsx';
import { Events } from './views/Events.tsx';
import { FleetMap } from './views/FleetMap.tsx';
import { ChangePassword } from './views/ChangePassword.tsx';
import { Login } from './views/Login.tsx';
import { Passes } from './views/Passes.tsx';
import { Telemetry } from './views/Telemetry.tsx';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function onKey(e: KeyboardEvent): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'Escape') {
    app.set({ helpOpen: false, openContactId: null });
    return;
  }
  if (typing(e.target)) return;
  const digit = Number(e.key);
  const view = Number.isInteger(digit) && digit >= 1 && digit <= VIEWS.length ? VIEWS[digit - 1] : undefined;
  if (view !== undefined) {
    showView(view);
    e.preventDefault();
  } else if (e.key === ']') cycleSpacecraft(1);
  else if (e.key === '[') cycleSpacecraft(-1);
  else if (e.key === 'l' || e.key === 'L') clock.live();
  else if (e.key === ',') clock.step(-600_000);
  else if (e.key === '.') clock.step(600_000);
  else if (e.key === '?') app.set((s) => ({ helpOpen: !s.helpOpen }));
}

function useLiveStatus(): string {
  const [status, setStatus] = useState(live.status);
  useEffect(() => live.onStatus(setStatus), []);
  return status;
}

function ViewBody({ view }: { readonly view: ViewName }) {
  switch (view) {
    case 'map':
      return <FleetMap />;
    case 'passes':
      return <Passes />;
    case 'telemetry':
      return <Telemetry />;
    case 'alarms':
      return <Alarms />;
    case 'commands':
      return <Commanding />;
    case 'events':
      return <Events />;
  }
}

function Help() {
  return (
    <div className="dialog-backdrop" role="presentation" onClick={() => { app.set({ helpOpen: false }); }}>
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => { e.stopPropagation(); }}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {VIEWS.map((v, i) => (
            <div key={v}>
              <dt>{i + 1}</dt>
              <dd>{VIEW_LABELS[v]}</dd>
            </div>
          ))}
          <div><dt>[ and ]</dt><dd>previous / next spacecraft</dd></div>
          <div><dt>L</dt><dd>clock: live</dd></div>
          <div><dt>, and .</dt><dd>clock: 10 minutes back / forward</dd></div>
          <div><dt>Tab</dt><dd>move between controls</dd></div>
          <div><dt>Esc</dt><dd>close a dialog or a contact</dd></div>
          <div><dt>?</dt><dd>this help</dd></div>
        </dl>
        <button type="button" autoFocus onClick={() => { app.set({ helpOpen: false }); }}>Close</button>
      </section>
    </div>
  );
}

function Shell() {
  const view = useStore(app, (s) => s.view);
  const user = useStore(app, (s) => s.user);
  const fleet = useStore(app, (s) => s.fleet);
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const helpOpen = useStore(app, (s) => s.helpOpen);
  const loadError = useStore(app, (s) => s.loadError);
  const unacked = useStore(alarmsStore, (s) => s.alarms.filter(needsAcknowledgement).length);
  const status = useLiveStatus();
  return (
    <div className="shell" data-ready={fleet.length > 0 ? 'true' : 'false'}>
      <a className="skip" href="#view">Skip to the view</a>
      <header className="top">
        <span className="brand">ZENITH</span>
        <ClockBar />
        <NextContact />
        <label className="sc-select">
          <span className="sr-only">Spacecraft</span>
          <select value={spacecraft ?? ''} onChange={(e) => { selectSpacecraft(e.target.value); }} data-testid="spacecraft-select">
            {fleet.map((s) => (
              <option key={s.name} value={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
      </header>
      <nav className="tabs" aria-label="Views">
        {VIEWS.map((v, i) => (
          <a
            key={v}
            href={`/${v}`}
            className={v === view ? 'tab active' : 'tab'}
            aria-current={v === view ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              showView(v);
            }}
          >
            <kbd>{i + 1}</kbd> {VIEW_LABELS[v]}
            {v === 'alarms' && unacked > 0 ? (
              <span className="tab-count st-critical" data-testid="unacked-count" aria-label={`${unacked} alarms to acknowledge`}>
                ■ {unacked}
              </span>
            ) : null}
          </a>
        ))}
        <span className={`conn conn-${status}`} title="Live connection to the complex">
          <span aria-hidden="true">{status === 'open' ? '●' : '○'}</span> {status === 'open' ? 'CONNECTED' : status.toUpperCase()}
        </span>
        <span className="user">
          {user === undefined ? null : (
            <>
              <span data-testid="user">{user.name}</span>
              <button type="button" onClick={() => { logout().catch(() => undefined); }}>Log out</button>
            </>
          )}
        </span>
        <button type="button" className="help-button" onClick={() => { app.set({ helpOpen: true }); }}>? Keys</button>
      </nav>
      {loadError === null ? null : <p className="banner st-critical" role="alert">Could not load the mission: {loadError}</p>}
      <main id="view" className={`view view-${view}`} tabIndex={-1}>
        <ViewBody view={view} />
      </main>
      {helpOpen ? <Help /> : null}
    </div>
  );
}

export function App() {
  const auth = useStore(app, (s) => s.auth);
  useEffect(() => {
    checkSession().catch(() => undefined);
    window.addEventListener('keydown', onKey);
    const onPop = () => {
      app.set({ view: viewFromPath(location.pathname) });
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  if (auth === 'checking') return <p className="loading">Connecting to the complex…</p>;
  if (auth === 'login') return <Login />;
  if (auth === 'password') return <ChangePassword />;
  return <Shell />;
}
