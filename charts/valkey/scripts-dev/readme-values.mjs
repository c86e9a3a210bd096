#!/usr/bin/env node
// Generates (default) or checks (--check) the values table in README.md from
// values.yaml: every key documented with a "# --" comment is one row
// (key, default, description). Exit code 1 with --check when they differ.
// Usage: node readme-values.mjs [--check] [--values path] [--readme path]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir, flag, option, YAML } from './cli.mjs';

const valuesPath = option('--values') ?? join(chartDir, 'values.yaml');
const readmePath = option('--readme') ?? join(chartDir, 'README.md');
const check = flag('--check');
const BEGIN = '<!-- values-table:begin -->';
const END = '<!-- values-table:end -->';

function docOf(comment) {
  if (!comment) return undefined;
  const lines = comment.split('\n');
  const idx = lines.findIndex(l => l.trim().startsWith('--'));
  if (idx < 0) return undefined;
  return lines.slice(idx).map(l => l.trim().replace(/^--\s*/, '')).join(' ').trim();
}

export function collectRows(text) {
  const doc = YAML.parseDocument(text);
  const rows = [];
  const walk = (map, prefix) => {
    map.items.forEach((pair, i) => {
      const key = `${prefix}${pair.key.value}`;
      // the comment above the first key of a nested map belongs to the map node
      const desc = docOf(
        pair.key.commentBefore ?? pair.commentBefore ?? (i === 0 ? map.commentBefore : undefined),
      );
      const isMap = YAML.isMap(pair.value) && pair.value.items.length > 0;
      if (desc !== undefined) {
        const value = pair.value == null ? null : pair.value.toJSON();
        rows.push({ key, value, desc });
      } else if (isMap) {
        walk(pair.value, `${key}.`);
      } else {
        rows.push({ key, value: pair.value?.toJSON?.() ?? null, desc: '' });
      }
    });
  };
  walk(doc.contents, '');
  return rows;
}

export function renderTable(rows) {
  const esc = s => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| Key | Default | Description |', '| --- | --- | --- |'];
  for (const r of rows) {
    lines.push(`| \`${r.key}\` | \`${esc(JSON.stringify(r.value))}\` | ${esc(r.desc)} |`);
  }
  return lines.join('\n');
}

const rows = collectRows(readFileSync(valuesPath, 'utf8'));
const table = renderTable(rows);
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < 0) {
  console.error(`${readmePath}: markers ${BEGIN} / ${END} not found`);
  process.exit(1);
}
const current = readme.slice(start + BEGIN.length, end).trim();
if (check) {
  if (current !== table) {
    const have = new Set(current.split('\n').map(l => (l.match(/^\| `([^`]+)`/) || [])[1]).filter(Boolean));
    const want = rows.map(r => r.key);
    const missing = want.filter(k => !have.has(k));
    const extra = [...have].filter(k => !want.includes(k));
    console.error(`README values table is out of date (run: node charts/valkey/scripts-dev/readme-values.mjs)`);
    if (missing.length) console.error(`missing in README: ${missing.join(', ')}`);
    if (extra.length) console.error(`not in values.yaml: ${extra.join(', ')}`);
    if (!missing.length && !extra.length) console.error('defaults or descriptions differ');
    process.exit(1);
  }
  console.log(`README values table matches values.yaml (${rows.length} keys)`);
} else {
  writeFileSync(readmePath, `${readme.slice(0, start + BEGIN.length)}\n${table}\n${readme.slice(end)}`);
  console.log(`wrote ${rows.length} rows to ${readmePath}`);
}
