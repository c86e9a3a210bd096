import {
  STORED_INSTANCE_SPEC_FILE,
  parseStoredInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import { defaultChartPath, loadChart } from '../chart/loadChart';
import { gitopsConfig, specsByMode } from './__fixtures__/fixtures';
import { renderGitops } from './render';

const chart = loadChart(defaultChartPath()!, { withFiles: false });
const render = (spec: (typeof specsByMode)[string]) =>
  renderGitops({ spec, config: gitopsConfig, chart });

describe.each(Object.keys(specsByMode))('stored spec of %s mode', mode => {
  const first = render(specsByMode[mode]);
  const stored = first.files.find(f => f.path === STORED_INSTANCE_SPEC_FILE);

  it('is written into the folder with a header saying what it is for', () => {
    expect(stored?.content).toMatch(/^# .*the source of the next change/);
  });

  it('reads back into the same spec', () => {
    expect(parseStoredInstanceSpec(stored!.content)).toEqual({
      success: true,
      spec: specsByMode[mode],
    });
  });

  it('renders again into identical files (render -> parse -> render)', () => {
    const parsed = parseStoredInstanceSpec(stored!.content);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const second = render(parsed.spec);
    expect(second.files).toEqual(first.files);
    expect(second.pullRequestBody).toBe(first.pullRequestBody);
  });
});
