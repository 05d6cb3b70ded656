// Which of two views of one command is the newer. A command only moves forward: stages are added
// and a pending stage settles, never the reverse. The REST answer to a queue or approve request can
// arrive after the WebSocket has already brought later changes (a command is often verified within
// a tenth of a second), so an older view must not replace a newer one.
import type { Command } from '../api/types.ts';

const TERMINAL = new Set(['completed', 'failed', 'timeout', 'cancelled']);

/** How far a command has come: stages seen (pending counts one, settled two), terminal states last. */
export function commandProgress(c: Command): number {
  let p = TERMINAL.has(c.state) ? 1000 : 0;
  for (const s of c.stages) p += s.status === 'pending' ? 1 : 2;
  return p;
}

/** `incoming` unless `current` has come further. */
export function newerCommand(current: Command | undefined, incoming: Command): Command {
  return current !== undefined && commandProgress(current) > commandProgress(incoming) ? current : incoming;
}
