import { describeRenderDiff, diffRender } from './diffRender';

const file = (path: string, content = path) => ({ path, content });

describe('diffRender', () => {
  it('sorts files into added, changed, deleted and unchanged by path and content', () => {
    const diff = diffRender(
      [
        file('values.yaml', 'a'),
        file('values-prod.yaml'),
        file('argocd/prod.yaml'),
        file('README.md', 'old'),
      ],
      [
        file('values.yaml', 'a'),
        file('README.md', 'new'),
        file('values-staging.yaml'),
        file('argocd/staging.yaml'),
      ],
    );
    expect(diff).toEqual({
      added: ['argocd/staging.yaml', 'values-staging.yaml'],
      changed: ['README.md'],
      deleted: ['argocd/prod.yaml', 'values-prod.yaml'],
      unchanged: ['values.yaml'],
    });
    expect(describeRenderDiff(diff)).toBe(
      '2 added (argocd/staging.yaml, values-staging.yaml); 1 changed (README.md); 2 deleted (argocd/prod.yaml, values-prod.yaml)',
    );
  });

  it('says so when nothing changes, and treats a new folder as all added', () => {
    const files = [file('a'), file('b')];
    expect(describeRenderDiff(diffRender(files, files))).toBe(
      'no file changes',
    );
    expect(diffRender([], files)).toEqual({
      added: ['a', 'b'],
      changed: [],
      deleted: [],
      unchanged: [],
    });
  });
});
