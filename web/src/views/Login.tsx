// The login form shown when the complex asks who you are (GET /api/auth/me answered 401).
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { app } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { login } from '../state/session.ts';
import { useFormAction } from '../ui/useFormAction.ts';

export function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problem, run } = useFormAction();
  const loadError = useStore(app, (s) => s.loadError);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    run(() => login(username, password));
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
