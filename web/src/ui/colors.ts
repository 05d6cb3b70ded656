// One colour per spacecraft, the same in every view (map, timeline, plots).
const PALETTE = ['#4dabf7', '#ffa94d', '#b197fc', '#63e6be', '#f783ac', '#ffd43b'];

export function spacecraftColor(fleet: readonly { readonly name: string }[], name: string): string {
  const i = fleet.findIndex((s) => s.name === name);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length] ?? '#4dabf7';
}

export const SERIES_COLORS = ['#4dabf7', '#ffa94d', '#63e6be', '#f783ac', '#b197fc', '#ffd43b', '#ff6b6b', '#a9e34b'];
