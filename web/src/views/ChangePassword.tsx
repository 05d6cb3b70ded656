// The form shown when the complex made the user's password (the first admin's, printed once at the
// first start): a password of one's own is set before anything else.
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { app } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { changePassword, logout } from '../state/session.ts';
import { useFormAction } from '../ui/useFormAction.ts';

/** The complex's own rule (docs/security.md): 12 characters or more. */
const MIN_LENGTH = 12;

export function ChangePassword() {
  const user = useStore(app, (s) => s.user);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, problem, refuse, run } = useFormAction();
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (next.length < MIN_LENGTH) refuse(`The new password needs ${MIN_LENGTH} characters or more.`);
    else if (next !== again) refuse('The two new passwords differ.');
    else run(() => changePassword(current, next));
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">Set your own password</h1>
        <p>
          The complex made the password of <strong>{user?.name ?? 'this user'}</strong> and printed it at its first start. Set one of your own
          before going on; every other session of this user ends.
        </p>
        <label>
          Current password
          <input type="password" autoFocus autoComplete="current-password" value={current} onChange={(e) => { setCurrent(e.target.value); }} required />
        </label>
        <label>
          New password
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => { setNext(e.target.value); }} required />
        </label>
        <label>
          New password again
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => { setAgain(e.target.value); }} required />
        </label>
        {problem === null ? null : <p role="alert" className="field-error">{problem}</p>}
        <button type="submit" disabled={busy}>
          Set password
        </button>
        <button type="button" onClick={() => void logout()}>
          Log out
        </button>
      </form>
    </main>
  );
}
