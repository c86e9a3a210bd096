/*
 * Samples every process's command line (/proc/<pid>/cmdline) while a scenario
 * runs and records any that contains one of the given secrets.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CmdlineScan = {
  stop(): { scans: number; commandLines: string[]; hits: string[] };
};

function scanOnce(secrets: string[], seen: Set<string>, hits: string[]) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // exited or not readable
    }
    seen.add(cmdline.split('\0').join(' ').trim());
    for (const s of secrets)
      if (cmdline.includes(s))
        hits.push(`pid ${pid}: ${cmdline.split('\0').join(' ')}`);
  }
}

/** Scans every `everyMs` until stop(); short-lived processes (valkey-cli calls) are caught by the frequency. */
export function startCmdlineScan(secrets: string[], everyMs = 20): CmdlineScan {
  const seen = new Set<string>();
  const hits: string[] = [];
  let scans = 0;
  const timer = setInterval(() => {
    scanOnce(secrets, seen, hits);
    scans++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      scanOnce(secrets, seen, hits);
      return { scans: scans + 1, commandLines: [...seen], hits };
    },
  };
}
