/**
 * Golden folders: one rendered folder per mode under __golden__/<mode>/.
 * Regenerate after an intended change with
 *   UPDATE_GOLDEN=1 CI=true npx backstage-cli package test src/render
 * and review the diff.
 */
import fs from 'fs';
import path from 'path';
import { loadChart, defaultChartPath } from '../chart/loadChart';
import { gitopsConfig, specsByMode } from './__fixtures__/fixtures';
import { renderGitops } from './render';

const chart = loadChart(defaultChartPath()!, { withFiles: false });
const goldenRoot = path.join(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

function listGolden(dir: string, rel = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory()
      ? listGolden(path.join(dir, entry.name), childRel)
      : [childRel];
  });
}

describe.each(Object.keys(specsByMode))('golden folder for %s mode', mode => {
  const result = renderGitops({
    spec: specsByMode[mode],
    config: gitopsConfig,
    chart,
  });
  const dir = path.join(goldenRoot, mode);

  if (update) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of result.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(dir, file.path), file.content);
    }
    fs.writeFileSync(
      path.join(goldenRoot, `${mode}.pull-request.md`),
      result.pullRequestBody,
    );
  }

  it('renders exactly the files of the golden folder', () => {
    expect(result.files.map(f => f.path).sort()).toEqual(
      listGolden(dir).sort(),
    );
  });

  it.each(result.files.map(f => [f.path, f.content]))(
    '%s matches its golden file',
    (file, content) => {
      expect(content).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
    },
  );

  it('renders the pull request body of the golden file', () => {
    expect(result.pullRequestBody).toBe(
      fs.readFileSync(path.join(goldenRoot, `${mode}.pull-request.md`), 'utf8'),
    );
  });
});
