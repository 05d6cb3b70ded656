// View 5, commanding: a command of the selected spacecraft's database, its arguments as a form
// checked against the database, released now, at a time or at the next contact; a critical command
// is confirmed explicitly and then waits for approval. The history shows every verification stage.
import { useEffect, useMemo, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { api, query } from '../api/http.ts';
import type { CatalogCommand, Command } from '../api/types.ts';
import { app } from '../state/appStore.ts';
import { commandAction, commandsStore, queueCommand } from '../state/commandsStore.ts';
import { useStore } from '../state/createStore.ts';
import { useRole, useUserName } from '../state/session.ts';
import { clock } from '../state/GlobalClock.ts';
import { isoText, toInputUtc } from '../ui/format.ts';
import { validateArgument } from '../ui/validateArgument.ts';

/** Arguments the pipeline fills well by default: kept under "more arguments". */
const TECHNICAL = new Set(['apid', 'ack_flags', 'source_id']);
const STAGE_MARK: Readonly<Record<string, string>> = { ok: '✓', pending: '…', failed: '✗', timeout: '⏱', cancelled: '⊘' };
const FINAL = new Set(['completed', 'failed', 'timeout', 'cancelled']);

function shortName(name: string): string {
  return name.split('/').pop() ?? name;
}

function Stages({ command }: { readonly command: Command }) {
  return (
    <ol className="stages" aria-label={`Verification stages of ${command.id}`}>
      {command.stages.map((s) => (
        <li key={s.stage} className={`stage stage-${s.status}`} title={`${s.stage}: ${s.status} at ${isoText(s.time)}${s.message === undefined ? '' : ` — ${s.message}`}`} data-stage={s.stage} data-status={s.status}>
          <span aria-hidden="true">{STAGE_MARK[s.status] ?? '?'}</span> {s.stage}
        </li>
      ))}
    </ol>
  );
}

function History({ spacecraft }: { readonly spacecraft: string }) {
  const commands = useStore(commandsStore, (s) => s.commands);
  const [problem, setProblem] = useState<string | null>(null);
  const operator = useRole('operator');
  const flightDirector = useRole('flight-director');
  const me = useUserName();
  const list = commands.filter((c) => c.spacecraft === spacecraft).slice(0, 100);
  const act = (id: string, action: 'approve' | 'cancel') => {
    commandAction(id, action).then(
      () => {
        setProblem(null);
      },
      (e: unknown) => {
        setProblem(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <section className="command-history" aria-labelledby="history-title">
      <h2 id="history-title">History of {spacecraft}</h2>
      {problem === null ? null : <p className="field-error" role="alert">{problem}</p>}
      <div className="table-scroll">
        <table className="compact" data-testid="command-history">
          <thead>
            <tr>
              <th scope="col">Queued (UTC)</th>
              <th scope="col">Command</th>
              <th scope="col">State</th>
              <th scope="col">Stages</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-command={c.id} data-state={c.state}>
                <td>{isoText(c.queuedAt)}</td>
                <td className="wrap">
                  {shortName(c.name)} <span className="muted small">by {c.queuedBy}</span>
                  {c.critical ? <span className="badge st-serious"> ◆ CRITICAL</span> : null}
                  <div className="muted small">{Object.entries(c.arguments).map(([k, v]) => `${k}=${String(v)}`).join(' ')}</div>
                </td>
                <td className={`cmd-state cmd-${c.state}`}>{c.state === 'awaiting-approval' ? '⏸ awaiting approval' : c.state}</td>
                <td className="wrap"><Stages command={c} /></td>
                <td>
                  {c.state === 'awaiting-approval' ? (
                    flightDirector && c.queuedBy !== me ? (
                      <button type="button" onClick={() => { act(c.id, 'approve'); }} data-testid="approve">Approve</button>
                    ) : (
                      <span className="muted small" data-testid="approval-note">
                        {c.queuedBy === me ? 'needs another flight director (two-person rule)' : 'needs a flight director'}
                      </span>
                    )
                  ) : null}
                  {operator && !FINAL.has(c.state) && c.state !== 'sending' && c.state !== 'sent' ? (
                    <button type="button" onClick={() => { act(c.id, 'cancel'); }}>Cancel</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface Pending {
  readonly command: CatalogCommand;
  readonly args: Record<string, string>;
  readonly release: { mode: 'now' | 'at' | 'next-contact'; time?: string };
}

function CommandForm({ spacecraft, catalog }: { readonly spacecraft: string; readonly catalog: readonly CatalogCommand[] }) {
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'now' | 'at' | 'next-contact'>('now');
  const [at, setAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const operator = useRole('operator');
  const command = catalog.find((c) => c.name === name);

  useEffect(() => {
    const initial: Record<string, string> = {};
    for (const a of command?.arguments ?? []) {
      initial[a.name] = a.default ?? (a.type === 'absoluteTime' ? `${toInputUtc(clock.nowMs() + 300_000)}Z` : a.values?.[0] ?? '');
    }
    setValues(initial);
    setErrors({});
    setResult(null);
  }, [command]);

  const send = (pending: Pending) => {
    const id = `ui-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    queueCommand({ name: pending.command.name, spacecraft, arguments: pending.args, release: pending.release, id }).then(
      (c) => {
        setResult(c.state === 'awaiting-approval' ? `${shortName(c.name)} queued as ${c.id}: critical, it waits for approval` : `${shortName(c.name)} queued as ${c.id} (${c.state})`);
      },
      (e: unknown) => {
        setResult(`refused: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (command === undefined) return;
    const found: Record<string, string> = {};
    const args: Record<string, string> = {};
    for (const a of command.arguments) {
      const check = validateArgument(a, values[a.name] ?? '');
      if (!check.ok) found[a.name] = check.message;
      else args[a.name] = String(check.value);
    }
    let release: Pending['release'] = { mode };
    if (mode === 'at') {
      const ms = Date.parse(/[zZ]$/.test(at.trim()) ? at.trim() : `${at.trim()}Z`);
      if (!Number.isFinite(ms)) found['release'] = `release time: expected a UTC time such as 2026-11-25T21:00:00Z, found "${at}"`;
      else release = { mode, time: new Date(ms).toISOString() };
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const pending = { command, args, release };
    if (command.critical) {
      setConfirmed(false);
      setConfirm(pending);
    } else send(pending);
  };

  const visible = command?.arguments.filter((a) => !TECHNICAL.has(a.name)) ?? [];
  const technical = command?.arguments.filter((a) => TECHNICAL.has(a.name)) ?? [];
  const field = (a: CatalogCommand['arguments'][number]) => {
    const id = `arg-${a.name}`;
    const error = errors[a.name];
    return (
      <div className="field" key={a.name}>
        <label htmlFor={id}>
          {a.name}
          <span className="muted">
            {' '}
            {a.type}
            {a.units === undefined ? '' : `, ${a.units}`}
            {a.min !== undefined || a.max !== undefined ? `, ${a.min ?? '…'}..${a.max ?? '…'}` : ''}
          </span>
        </label>
        {a.values === undefined ? (
          <input id={id} value={values[a.name] ?? ''} onChange={(e) => { setValues({ ...values, [a.name]: e.target.value }); }} aria-invalid={error !== undefined} aria-describedby={error === undefined ? undefined : `${id}-error`} />
        ) : (
          <select id={id} value={values[a.name] ?? ''} onChange={(e) => { setValues({ ...values, [a.name]: e.target.value }); }}>
            {a.values.map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        )}
        {error === undefined ? null : <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
      </div>
    );
  };

  return (
    <form className="command-form" onSubmit={submit} aria-labelledby="form-title" noValidate>
      <h2 id="form-title">Send a command to {spacecraft}</h2>
      <div className="field">
        <label htmlFor="command-name">Command</label>
        <select id="command-name" value={name} onChange={(e) => { setName(e.target.value); }} data-testid="command-select">
          <option value="">— choose —</option>
          {catalog.map((c) => (
            <option key={c.name} value={c.name}>
              {shortName(c.name)}{c.critical ? ' (critical)' : ''}
            </option>
          ))}
        </select>
      </div>
      {command === undefined ? null : (
        <>
          <p className="muted">
            {command.description}
            {command.critical ? <span className="badge st-serious"> ◆ CRITICAL: needs confirmation and approval</span> : null}
          </p>
          {visible.map(field)}
          {technical.length === 0 ? null : (
            <details>
              <summary>More arguments ({technical.map((a) => a.name).join(', ')})</summary>
              {technical.map(field)}
            </details>
          )}
          <fieldset className="release">
            <legend>Release</legend>
            {(['now', 'at', 'next-contact'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="release" value={m} checked={mode === m} onChange={() => { setMode(m); }} /> {m === 'now' ? 'now (send)' : m === 'at' ? 'at a time (queue)' : 'at the next contact (queue)'}
              </label>
            ))}
            {mode === 'at' ? (
              <label>
                UTC <input value={at} placeholder={`${toInputUtc(clock.nowMs() + 600_000)}Z`} onChange={(e) => { setAt(e.target.value); }} />
              </label>
            ) : null}
            {errors['release'] === undefined ? null : <span className="field-error" role="alert">{errors['release']}</span>}
          </fieldset>
          <button type="submit" data-testid="send-command" disabled={!operator}>
            {mode === 'now' ? 'Send' : 'Queue'} {shortName(command.name)}
          </button>
          {operator ? null : <span className="muted"> sending needs the operator role</span>}
        </>
      )}
      {result === null ? null : <p role="status" data-testid="command-result">{result}</p>}
      {confirm === null ? null : (
        <div className="dialog-backdrop" role="presentation">
          <section className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text">
            <h2 id="confirm-title">◆ Critical command</h2>
            <p id="confirm-text">
              {shortName(confirm.command.name)} to {spacecraft} with {Object.entries(confirm.args).filter(([k]) => !TECHNICAL.has(k)).map(([k, v]) => `${k}=${v}`).join(', ') || 'no arguments'}. {confirm.command.description}. Once queued it waits for
              approval before release.
            </p>
            <label>
              <input type="checkbox" checked={confirmed} onChange={(e) => { setConfirmed(e.target.checked); }} autoFocus data-testid="confirm-check" /> I confirm this critical command
            </label>
            <div className="dialog-buttons">
              <button
                type="button"
                disabled={!confirmed}
                data-testid="confirm-send"
                onClick={() => {
                  send(confirm);
                  setConfirm(null);
                }}
              >
                Queue for approval
              </button>
              <button type="button" onClick={() => { setConfirm(null); }}>Cancel</button>
            </div>
          </section>
        </div>
      )}
    </form>
  );
}

export function Commanding() {
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const [catalog, setCatalog] = useState<readonly CatalogCommand[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (spacecraft === null) return undefined;
    let cancelled = false;
    api<CatalogCommand[]>(`/api/commands${query({ spacecraft })}`).then(
      (list) => {
        if (!cancelled) setCatalog(list);
      },
      (e: unknown) => {
        if (!cancelled) setProblem(String(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [spacecraft]);
  const sorted = useMemo(() => [...catalog].sort((a, b) => shortName(a.name).localeCompare(shortName(b.name))), [catalog]);
  if (spacecraft === null) return <p>Loading the fleet…</p>;
  return (
    <div className="commanding-view">
      {problem === null ? null : <p className="field-error">{problem}</p>}
      <CommandForm key={spacecraft} spacecraft={spacecraft} catalog={sorted} />
      <History spacecraft={spacecraft} />
    </div>
  );
}
