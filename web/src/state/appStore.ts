// What is shared by every view: the selection (linked views: selected once, selected everywhere),
// the current view, the user, and the mission's fleet, stations and contact plan.
import type { Contact, Spacecraft, Station, User } from '../api/types.ts';
import { createStore } from './createStore.ts';

export const VIEWS = ['map', 'passes', 'telemetry', 'alarms', 'commands', 'events'] as const;
export type ViewName = (typeof VIEWS)[number];

export const VIEW_LABELS: Readonly<Record<ViewName, string>> = {
  map: 'Fleet map',
  passes: 'Passes',
  telemetry: 'Telemetry',
  alarms: 'Alarms',
  commands: 'Commanding',
  events: 'Events',
};

export interface AppState {
  readonly view: ViewName;
  readonly spacecraft: string | null;
  readonly contactId: string | null;
  /** The contact whose detail (sky plot, pointing, Doppler) is open. */
  readonly openContactId: string | null;
  /** undefined until logged in. */
  readonly user: User | undefined;
  readonly fleet: readonly Spacecraft[];
  readonly stations: readonly Station[];
  readonly contacts: readonly Contact[];
  readonly helpOpen: boolean;
  /** checking the session, showing the login form, asking for a new password, or running. */
  readonly auth: 'checking' | 'login' | 'password' | 'ready';
  /** Why the mission could not be loaded, when it could not. */
  readonly loadError: string | null;
}

export function viewFromPath(path: string): ViewName {
  const name = path.replace(/^\/+/, '').split('/')[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'map';
}

export const app = createStore<AppState>({
  view: viewFromPath(location.pathname),
  spacecraft: null,
  contactId: null,
  openContactId: null,
  user: undefined,
  fleet: [],
  stations: [],
  contacts: [],
  helpOpen: false,
  auth: 'checking',
  loadError: null,
});

export function showView(view: ViewName): void {
  if (app.get().view === view) return;
  app.set({ view });
  if (location.pathname !== `/${view}`) history.pushState(null, '', `/${view}`);
}

export function selectSpacecraft(name: string | null): void {
  app.set((s) => ({ spacecraft: name, contactId: s.contacts.find((c) => c.id === s.contactId)?.spacecraft === name ? s.contactId : null }));
}

export function selectContact(id: string | null, open = false): void {
  const contact = app.get().contacts.find((c) => c.id === id);
  app.set((s) => ({ contactId: id, spacecraft: contact?.spacecraft ?? s.spacecraft, ...(open ? { openContactId: id } : {}) }));
}

/** Next or previous spacecraft of the fleet (keyboard `]` and `[`). */
export function cycleSpacecraft(step: 1 | -1): void {
  const { fleet, spacecraft } = app.get();
  if (fleet.length === 0) return;
  const i = fleet.findIndex((s) => s.name === spacecraft);
  const next = fleet[(i + step + fleet.length) % fleet.length];
  if (next !== undefined) selectSpacecraft(next.name);
}
