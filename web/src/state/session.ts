// Who is logged in, against the authentication contract of the complex: GET /api/auth/me gives the
// user and the CSRF token (401: show the login form); POST /api/auth/login and /api/auth/logout;
// POST /api/auth/password when the complex made the user's password (the first admin's) and wants
// it changed first. The complex always requires a login (docs/security.md).
import { ApiError, api, setCsrfToken, setOnUnauthenticated } from '../api/http.ts';
import type { User } from '../api/types.ts';
import { alarmsStore, startAlarms } from './alarmsStore.ts';
import { app } from './appStore.ts';
import { commandsStore, startCommands } from './commandsStore.ts';
import { useStore } from './createStore.ts';
import { eventsStore, startEvents } from './eventsStore.ts';
import { live } from './live.ts';
import { startMission } from './missionLoader.ts';

interface SessionAnswer {
  readonly user: User;
  readonly csrfToken: string;
}

let stops: (() => void)[] = [];

/** The session ended on the server (logout elsewhere, expiry): back to the login form. */
function sessionEnded(): void {
  if (app.get().auth !== 'ready') return;
  setCsrfToken(undefined);
  endSession();
  app.set({ auth: 'login', user: undefined, loadError: 'Your session ended: log in again.' });
}

setOnUnauthenticated(sessionEnded);
live.onCredentialsEnded = sessionEnded;

/** Whether the logged-in user may act as `role`. */
export function useRole(role: string): boolean {
  return useStore(app, (s) => s.user?.roles.includes(role) ?? false);
}

/** The logged-in user's name (null before login). */
export function useUserName(): string | null {
  return useStore(app, (s) => s.user?.name ?? null);
}

async function startSession(): Promise<void> {
  live.start();
  stops = [startAlarms(), startEvents(), startCommands()];
  try {
    stops.push(await startMission());
    app.set({ auth: 'ready', loadError: null });
  } catch (error) {
    app.set({ auth: 'ready', loadError: error instanceof Error ? error.message : String(error) });
  }
}

function endSession(): void {
  for (const stop of stops) stop();
  stops = [];
  live.stop();
  alarmsStore.set({ alarms: [], loaded: false });
  eventsStore.set({ events: [], loaded: false });
  commandsStore.set({ commands: [] });
}

/** A session answered: on with it, or first the new password the complex asks for. */
async function sessionOpened(answer: SessionAnswer): Promise<void> {
  setCsrfToken(answer.csrfToken);
  if (answer.user.mustChangePassword) {
    app.set({ auth: 'password', user: answer.user, loadError: null });
    return;
  }
  app.set({ user: answer.user, loadError: null });
  await startSession();
}

export async function checkSession(): Promise<void> {
  let me: SessionAnswer;
  try {
    me = await api<SessionAnswer>('/api/auth/me');
  } catch (error) {
    app.set(error instanceof ApiError && error.status === 401 ? { auth: 'login', user: undefined } : { auth: 'login', loadError: `the complex did not answer: ${String(error)}` });
    return;
  }
  await sessionOpened(me);
}

export async function login(username: string, password: string): Promise<void> {
  await sessionOpened(await api<SessionAnswer>('/api/auth/login', { method: 'POST', body: { username, password } }));
}

/** Replaces the logged-in user's password; the complex ends its other sessions and opens a new one here. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await sessionOpened(await api<SessionAnswer>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }));
}

export async function logout(): Promise<void> {
  try {
    await api('/api/auth/logout', { method: 'POST', body: {} });
  } finally {
    setCsrfToken(undefined);
    endSession();
    app.set({ auth: 'login', user: undefined });
  }
}
