/** Distinct colours for shards; the shard's name is always written beside it too. */
const palette = [
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
];

export function shardColour(index: number): string {
  return palette[index % palette.length];
}

/** "Shard 2" for the second shard; the ids are long hex strings. */
export function shardLabel(index: number): string {
  return `Shard ${index + 1}`;
}
