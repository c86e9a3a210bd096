import { agreementText } from './ClusterView';
import { hitRatioText, memoryText } from './RuntimeFigures';

describe('agreementText', () => {
  it('does not read 3 agreeing of 6 answering as a disagreement when all 3 primaries agree', () => {
    expect(
      agreementText({
        asked: 6,
        answered: 6,
        agreeing: 3,
        primariesAnswering: 3,
        primariesAgreeing: 3,
      }),
    ).toBe(
      'All 3 primaries that answered agree on the slot map (6 of 6 nodes answered)',
    );
  });

  it('says so when the primaries disagree', () => {
    expect(
      agreementText({
        asked: 6,
        answered: 6,
        agreeing: 2,
        primariesAnswering: 3,
        primariesAgreeing: 2,
      }),
    ).toBe(
      'Only 2 of 3 answering primaries agree on the slot map; the others see it differently (6 of 6 nodes answered)',
    );
  });

  it('says when no primary answered', () => {
    expect(
      agreementText({
        asked: 6,
        answered: 2,
        agreeing: 2,
        primariesAnswering: 0,
        primariesAgreeing: 0,
      }),
    ).toBe(
      'No primary answered; shown as 2 of the answering replicas see it (2 of 6 nodes answered)',
    );
  });
});

describe('runtime wording', () => {
  const MiB = 1024 * 1024;

  it('shows memory against the limit and what happens when full', () => {
    expect(memoryText(12 * MiB, 64 * MiB, 'allkeys-lru')).toBe(
      '12 MiB of 64 MiB (19%), evicts allkeys-lru when full',
    );
    expect(memoryText(60 * MiB, 64 * MiB, 'noeviction')).toBe(
      '60 MiB of 64 MiB (94%), refuses writes when full',
    );
    expect(memoryText(3 * MiB, 0, 'noeviction')).toBe('3.0 MiB, no limit');
    expect(memoryText(undefined, 0)).toBe('-');
  });

  it('shows the hit ratio with the number of lookups', () => {
    expect(hitRatioText(2, 1)).toBe('66.7% of 3 lookups');
    expect(hitRatioText(1200, 0)).toBe('100% of 1,200 lookups');
    expect(hitRatioText(0, 0)).toBe('no lookups yet');
  });
});
