import { readFileSync } from 'node:fs';

/**
 * The fenced code block that follows `<!-- adoption:<name> -->` in a README,
 * de-indented. The adoption test performs the README's steps from these blocks,
 * so the README cannot drift from what is tested.
 */
export function readmeBlock(file: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  const marker = `<!-- adoption:${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no ${marker}`);
  const fence = /^([ \t]*)```[a-z]*\n([\s\S]*?)^\1```/m.exec(
    text.slice(at + marker.length),
  );
  if (!fence) throw new Error(`${file}: no code block after ${marker}`);
  const indent = fence[1];
  return fence[2]
    .split('\n')
    .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n')
    .trimEnd();
}

/** `yarn --cwd <dir> add <pkg>...` lines of a README block, as workspace dir -> packages. */
export function yarnAddCommands(block: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of block.split('\n').filter(l => l.trim())) {
    const m = /^yarn --cwd (\S+) add ((?:@?[\w./-]+\s*)+)$/.exec(line.trim());
    if (!m) throw new Error(`not a "yarn --cwd <dir> add" line: ${line}`);
    out.set(m[1], [...(out.get(m[1]) ?? []), ...m[2].trim().split(/\s+/)]);
  }
  return out;
}
