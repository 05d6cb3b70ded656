// Commands sent and their verification stages: the recent history, then each change from the
// `commands` topic; queueing, approving and cancelling.
import { api } from '../api/http.ts';
import type { Command } from '../api/types.ts';
import { createStore } from './createStore.ts';
import { live } from './live.ts';
import { newerCommand } from './newerCommand.ts';

export interface CommandsState {
  readonly commands: readonly Command[];
}

export const commandsStore = createStore<CommandsState>({ commands: [] });

/** Puts a view of a command in the list, unless the list already holds a newer one (newerCommand). */
function upsert(incoming: Command): void {
  commandsStore.set((s) => {
    const c = newerCommand(s.commands.find((x) => x.id === incoming.id), incoming);
    return { commands: [c, ...s.commands.filter((x) => x.id !== c.id)].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)) };
  });
}

export interface QueueRequest {
  readonly name: string;
  readonly spacecraft: string;
  readonly arguments: Readonly<Record<string, string>>;
  readonly release: { readonly mode: 'now' | 'at' | 'next-contact'; readonly time?: string };
  readonly id: string;
}

export async function queueCommand(request: QueueRequest): Promise<Command> {
  const c = await api<Command>('/api/commands', { method: 'POST', body: request });
  upsert(c);
  return c;
}

export async function commandAction(id: string, action: 'approve' | 'cancel'): Promise<void> {
  upsert(await api<Command>(`/api/commands/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} }));
}

export function startCommands(): () => void {
  const cancel = live.subscribe('commands', {}, (data) => {
    upsert(data as Command);
  });
  api<Command[]>('/api/commands/history?limit=200').then(
    (list) => {
      commandsStore.set((s) => {
        const byId = new Map(list.map((c) => [c.id, c]));
        for (const c of s.commands) byId.set(c.id, newerCommand(byId.get(c.id), c));
        return { commands: [...byId.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)) };
      });
    },
    () => undefined,
  );
  return cancel;
}
