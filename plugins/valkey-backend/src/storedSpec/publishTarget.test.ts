import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { publishTargetOf } from './publishTarget';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com' }],
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
        },
      ],
    },
  }),
);
const url = (u: string) => ({ type: 'url' as const, url: u });

describe('publishTargetOf', () => {
  it('a folder on GitHub: a pull request on that repository', () => {
    expect(
      publishTargetOf(
        url(
          'https://github.com/platform/gitops/blob/main/valkey/orders-cache/instance.yaml',
        ),
        integrations,
      ),
    ).toEqual({
      publisher: 'github-pr',
      gitopsRepoUrl: 'github.com?owner=platform&repo=gitops',
    });
  });

  it('a folder on GitLab, in a subgroup: a merge request on that project', () => {
    expect(
      publishTargetOf(
        url(
          'https://gitlab.example.com/infra/platform/gitops/-/blob/main/valkey/x/instance.yaml',
        ),
        integrations,
      ),
    ).toEqual({
      publisher: 'gitlab-mr',
      gitlabRepoUrl: 'gitlab.example.com?owner=infra/platform&repo=gitops',
    });
  });

  it('a file in the local repository, or a host without an integration: the local publisher', () => {
    expect(
      publishTargetOf(
        { type: 'file', path: '/repo/valkey/x/instance.yaml' },
        integrations,
      ),
    ).toEqual({ publisher: 'local' });
    expect(
      publishTargetOf(
        url('https://git.example.org/a/b/raw/instance.yaml'),
        integrations,
      ),
    ).toEqual({ publisher: 'local' });
  });
});
