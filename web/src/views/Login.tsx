// The login form shown when the complex asks who you are (GET /api/auth/me answered 401).
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { app } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { login } from '../state/session.ts';

export function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadError = useStore(app, (s) => s.loadError);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    login(username, password).then(
      () => {
        setBusy(false);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Zenith mission control</h1>
        {loadError === null ? null : <p role="alert" className="field-error">{loadError}</p>}
        <label>
          User name
          <input autoFocus autoComplete="username" value={username} onChange={(e) => { setUsername(e.target.value); }} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => { setPassword(e.target.value); }} required />
        </label>
        {problem === null ? null : <p role="alert" className="field-error">{problem}</p>}
        <button type="submit" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}
