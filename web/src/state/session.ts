// Who is logged in, against the authentication contract of the complex: GET /api/auth/me gives the
// user and the CSRF token (401: show the login form); POST /api/auth/login and /api/auth/logout.
// A server without those routes (404) has no authentication configured: the UI runs without a user.
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
  if (app.get().auth !== 'ready' || !app.get().authConfigured) return;
  setCsrfToken(undefined);
  endSession();
  app.set({ auth: 'login', user: undefined, loadError: 'Your session ended: log in again.' });
}

setOnUnauthenticated(sessionEnded);
live.onCredentialsEnded = sessionEnded;

/** Whether the user may act as `role` (everyone may when the server has no authentication). */
export function useRole(role: string): boolean {
  return useStore(app, (s) => !s.authConfigured || (s.user?.roles.includes(role) ?? false));
}

/** The logged-in user's name (null without authentication). */
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

export async function checkSession(): Promise<void> {
  try {
    const me = await api<SessionAnswer>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    app.set({ user: me.user, authConfigured: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      app.set({ auth: 'login', user: undefined, authConfigured: true });
      return;
    }
    if (!(error instanceof ApiError && error.status === 404)) {
      app.set({ auth: 'login', loadError: `the complex did not answer: ${String(error)}` });
      return;
    }
    app.set({ user: null, authConfigured: false });
  }
  await startSession();
}

export async function login(username: string, password: string): Promise<void> {
  const answer = await api<SessionAnswer>('/api/auth/login', { method: 'POST', body: { username, password } });
  setCsrfToken(answer.csrfToken);
  app.set({ user: answer.user, authConfigured: true, loadError: null });
  await startSession();
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
