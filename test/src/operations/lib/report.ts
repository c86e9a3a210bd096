/** Prints one compact timing line, e.g. `[ops] failover: promoted 127.0.0.1:7201 in 7.4 s`. */
export function report(line: string) {
  // eslint-disable-next-line no-console
  console.log(`[ops] ${line}`);
}

export const seconds = (ms: number) => (ms / 1000).toFixed(1);
