import { loadPeerModule } from './hostActions';

describe('the optional Git host modules', () => {
  it('loads the copy the backend has', () => {
    const m = loadPeerModule(
      'GitHub',
      '@backstage/plugin-scaffolder-backend-module-github',
    );
    expect(typeof m.createPublishGithubPullRequestAction).toBe('function');
  });

  it('a portal without the module says what the platform team must add', () => {
    expect(() =>
      loadPeerModule(
        'GitLab',
        '@backstage/plugin-scaffolder-backend-module-none',
      ),
    ).toThrow(
      'This portal cannot publish to GitLab yet: ask the platform team to install @backstage/plugin-scaffolder-backend-module-none in the backend, or choose another place to publish',
    );
  });
});
