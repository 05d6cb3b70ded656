// The mission database's parameter tree (GET /api/parameters) for the selected spacecraft (its
// branch when the fleet shares one database, names prefixed `/<spacecraft>`), with a filter; a
// parameter's button adds it to the live table (or takes it off).
import { useEffect, useState } from 'react';
import { api } from '../api/http.ts';
import type { SpaceSystemNode } from '../api/types.ts';
import { useStore } from '../state/createStore.ts';
import { telemetryStore, toggleWatched } from '../state/telemetryStore.ts';

let treeCache: Promise<{ spaceSystems: SpaceSystemNode[] }> | undefined;

export function loadParameterTree(): Promise<{ spaceSystems: SpaceSystemNode[] }> {
  treeCache ??= api<{ spaceSystems: SpaceSystemNode[] }>('/api/parameters');
  return treeCache;
}

function matches(node: SpaceSystemNode, filter: string): boolean {
  return filter === '' || node.parameters.some((p) => p.qualifiedName.toLowerCase().includes(filter)) || node.spaceSystems.some((s) => matches(s, filter));
}

function Node({ node, filter, watched }: { node: SpaceSystemNode; filter: string; watched: readonly string[] }) {
  if (!matches(node, filter)) return null;
  const params = node.parameters.filter((p) => filter === '' || p.qualifiedName.toLowerCase().includes(filter));
  return (
    <details open={filter !== '' || node.name !== 'PUS'}>
      <summary>
        {node.name} <span className="muted">({node.parameters.length})</span>
      </summary>
      <ul>
        {params.map((p) => {
          const name = p.qualifiedName;
          const on = watched.includes(name);
          return (
            <li key={p.qualifiedName}>
              <button type="button" className="tree-param" aria-pressed={on} title={`${p.description} (${p.type}${p.units === '' ? '' : `, ${p.units}`})`} onClick={() => { toggleWatched(name); }} data-param={p.qualifiedName}>
                <span aria-hidden="true">{on ? '☑' : '☐'}</span> {p.name}
              </button>
            </li>
          );
        })}
        {node.spaceSystems.map((s) => (
          <li key={s.qualifiedName}>
            <Node node={s} filter={filter} watched={watched} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ParameterTree({ spacecraft }: { readonly spacecraft: string }) {
  const [tree, setTree] = useState<SpaceSystemNode[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const watched = useStore(telemetryStore, (s) => s.watched);
  useEffect(() => {
    loadParameterTree().then(
      (t) => {
        setTree(t.spaceSystems);
      },
      (e: unknown) => {
        setError(String(e));
      },
    );
  }, []);
  return (
    <nav className="param-tree" aria-label="Parameters of the mission database">
      <label>
        <span className="sr-only">Filter parameters</span>
        <input type="search" placeholder="Filter parameters" value={filter} onChange={(e) => { setFilter(e.target.value); }} />
      </label>
      {error === null ? null : <p className="field-error">{error}</p>}
      {(tree?.find((s) => s.qualifiedName === `/${spacecraft}`)?.spaceSystems ?? tree)?.map((s) => (
        <Node key={s.qualifiedName} node={s} filter={filter.trim().toLowerCase()} watched={watched} />
      ))}
    </nav>
  );
}
