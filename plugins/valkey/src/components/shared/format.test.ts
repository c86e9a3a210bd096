import { slotCount } from '@valkey-backstage/plugin-valkey-common';
import { formatBytes, formatDuration, formatSlotRange } from './format';

describe('format', () => {
  it('formats bytes with binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(524288)).toBe('512 KiB');
  });
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(3558)).toBe('59 min');
    expect(formatDuration(3 * 3600 + 600)).toBe('3 h 10 min');
    expect(formatDuration(295149)).toBe('3 d 9 h');
  });
  it('formats slot ranges and counts slots', () => {
    expect(formatSlotRange({ start: 0, end: 5460 })).toBe('0-5460');
    expect(formatSlotRange({ start: 7, end: 7 })).toBe('7');
    expect(
      slotCount([
        { start: 0, end: 5460 },
        { start: 7000, end: 7000 },
      ]),
    ).toBe(5462);
  });
});
