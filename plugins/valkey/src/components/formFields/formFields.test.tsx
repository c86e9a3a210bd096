import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type {
  ValkeyEnvironmentChoice,
  ValkeyFormCheck,
} from '@valkey-backstage/plugin-valkey-common';
import {
  ValkeyEnvironmentPickerField,
  ValkeyInstanceNameField,
  ValkeyPolicyCheckField,
  validateEnvironment,
  validateInstanceName,
  validatePolicyCheck,
  ValkeyChangePreviewField,
  validateChangePreview,
} from '.';

const environments: ValkeyEnvironmentChoice[] = [
  { name: 'dev', policy: 'no extra requirements' },
  {
    name: 'prod',
    policy:
      'needs high availability (Sentinel or cluster), TLS and scheduled backups',
  },
];

/** A backend answering like the scaffolder module's routes, recording each request. */
function backend(formCheck: ValkeyFormCheck) {
  const requests: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (url: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${url}`);
      const path = new URL(url).pathname;
      let body: unknown;
      if (path.endsWith('/environments')) body = { environments };
      else if (path.endsWith('/name-check')) {
        const query = new URL(url).searchParams;
        const name = query.get('name');
        body =
          name === 'demo-cluster' && query.get('intent') !== 'change'
            ? {
                name,
                ok: false,
                message:
                  'The name "demo-cluster" is already taken in the catalog (resource:default/demo-cluster); choose another name.',
              }
            : { name, ok: true, message: `"${name}" is free.` };
      } else body = formCheck;
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  };
  const discoveryApi = {
    getBaseUrl: async (id: string) => `http://backstage.test/api/${id}`,
  };
  const apis = [
    [fetchApiRef, fetchApi],
    [discoveryApiRef, discoveryApi],
  ] as const;
  const byId = new Map<string, unknown>([
    [fetchApiRef.id, fetchApi],
    [discoveryApiRef.id, discoveryApi],
  ]);
  const apiHolder = { get: (ref: { id: string }) => byId.get(ref.id) };
  return { apis, apiHolder, requests };
}

const okCheck: ValkeyFormCheck = { ok: true, problems: [], environments: [] };

function fieldProps(overrides: Record<string, unknown>) {
  return {
    onChange: jest.fn(),
    required: true,
    rawErrors: [],
    idSchema: { $id: 'root_field' },
    schema: {},
    uiSchema: {},
    formContext: { formData: {} },
    name: 'field',
    ...overrides,
  } as any;
}

describe('ValkeyInstanceNameField', () => {
  it('explains the naming rule in words, never as a pattern', async () => {
    const { apis } = backend(okCheck);
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyInstanceNameField {...fieldProps({ formData: '' })} />
      </TestApiProvider>,
    );
    expect(
      screen.getByText(
        /lowercase letters, digits and hyphens; starts with a letter/,
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\^\[a-z\]|pattern/);
  });

  it('says at once that a name breaks the rule', async () => {
    const { apis, requests } = backend(okCheck);
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyInstanceNameField {...fieldProps({ formData: 'Orders' })} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/Start the name with a lowercase letter/),
    ).toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it('says whether the name is free or taken, from the backend', async () => {
    const { apis, requests } = backend(okCheck);
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyInstanceNameField
          {...fieldProps({ formData: 'demo-cluster' })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/"demo-cluster" is already taken in the catalog/),
    ).toBeInTheDocument();
    expect(requests).toEqual([
      'GET http://backstage.test/api/scaffolder/valkey/name-check?name=demo-cluster&intent=create',
    ]);
  });

  it('blocks Next on a taken name, but not on the instance being changed', async () => {
    const { apiHolder, requests } = backend(okCheck);
    const taken = createFieldValidation();
    await validateInstanceName('demo-cluster', taken, {
      apiHolder,
      formData: {},
      schema: {},
    } as any);
    expect(taken.__errors).toEqual([
      expect.stringMatching(/already taken in the catalog/),
    ]);
    const changing = createFieldValidation();
    await validateInstanceName('demo-cluster', changing, {
      apiHolder,
      formData: { changeOf: 'demo-cluster' },
      schema: {},
    } as any);
    expect(changing.__errors).toEqual([]);
    expect(requests[1]).toMatch(/name=demo-cluster&intent=change$/);
  });
});

describe('ValkeyEnvironmentPickerField', () => {
  it("lists the configured environments with each one's policy before choosing", async () => {
    const { apis } = backend(okCheck);
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyEnvironmentPickerField {...fieldProps({ formData: 'prod' })} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'prod: needs high availability (Sentinel or cluster), TLS and scheduled backups',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('button'));
    expect(
      await screen.findByText('no extra requirements'),
    ).toBeInTheDocument();
  });
});

describe('validateEnvironment', () => {
  it.each([
    ['qa', ['Choose one of the environments set up for Valkey: dev, prod.']],
    ['prod', []],
    [[{ name: 'prod' }], []], // the whole list: each item is checked on its own
  ])('%j -> %j', async (value, errors) => {
    const { apiHolder } = backend(okCheck);
    const validation = createFieldValidation();
    await validateEnvironment(value as any, validation, {
      apiHolder,
      formData: {},
      schema: {},
    } as any);
    expect(validation.__errors).toEqual(errors);
  });
});

describe('ValkeyPolicyCheckField', () => {
  const problems: ValkeyFormCheck = {
    ok: false,
    environments: [],
    problems: [
      {
        environment: 'prod',
        field: 'tls.enabled',
        label: 'TLS',
        message: 'prod needs TLS: turn TLS on (Security page).',
      },
    ],
  };

  it('shows what an environment still requires, and that summary becomes its value', async () => {
    const { apis, requests } = backend(problems);
    const props = fieldProps({
      formData: '',
      formContext: { formData: { name: 'sessions', field: 'old summary' } },
    });
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyPolicyCheckField {...props} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/prod needs TLS: turn TLS on \(Security page\)/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(
        expect.stringMatching(/^Still to change: .*prod needs TLS/),
      ),
    );
    expect(requests).toEqual([
      'POST http://backstage.test/api/scaffolder/valkey/form-check',
    ]);
    const sent = JSON.parse(
      (apis[0][1].fetch as jest.Mock).mock.calls[0][1].body,
    );
    expect(sent).toEqual({ form: { name: 'sessions' }, intent: 'create' });
  });

  it('shows the effective settings per environment when every rule is met', async () => {
    const { apis } = backend({
      ok: true,
      problems: [],
      environments: [
        {
          name: 'prod',
          server: 'https://prod',
          namespace: 'valkey',
          mode: 'sentinel',
          topology: '3 data pods (1 primary), 3 sentinels',
          size: 'small',
          resources: '',
          persistence: '8Gi',
          tls: true,
          backups: '0 2 * * *, keep 7',
          metrics: true,
          auth: true,
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyPolicyCheckField {...fieldProps({ formData: '' })} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /prod: sentinel, 3 data pods .*TLS on, backups 0 2/,
      ),
    ).toBeInTheDocument();
  });

  it('blocks Create only where the template asks it to', async () => {
    const { apiHolder } = backend(problems);
    const informing = createFieldValidation();
    await validatePolicyCheck('', informing, {
      apiHolder,
      formData: {},
      schema: {},
      uiSchema: {},
    } as any);
    expect(informing.__errors).toEqual([]);
    const blocking = createFieldValidation();
    await validatePolicyCheck('', blocking, {
      apiHolder,
      formData: {},
      schema: {},
      uiSchema: { 'ui:options': { blocking: true } },
    } as any);
    expect(blocking.__errors).toEqual([
      expect.stringMatching(/prod needs TLS/),
    ]);
  });
});

describe('ValkeyChangePreviewField', () => {
  const removingStaging: ValkeyFormCheck = {
    ok: true,
    problems: [],
    environments: [],
    change: {
      added: [],
      changed: ['instance.yaml', 'values.yaml'],
      deleted: ['argocd/staging.yaml', 'values-staging.yaml'],
      summary:
        '2 changed (instance.yaml, values.yaml); 2 deleted (argocd/staging.yaml, values-staging.yaml)',
      destructive: [
        'staging is removed: the instance there and its data are deleted',
      ],
    },
  };

  it('lists the files the change touches and what it can lose, and its value is the summary for the review', async () => {
    const { apis, requests } = backend(removingStaging);
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ValkeyChangePreviewField
          {...fieldProps({
            name: 'changePreview',
            formData: '',
            onChange,
            formContext: {
              formData: {
                name: 'orders-cache',
                changeOf: 'orders-cache',
                confirmDestructive: false,
              },
            },
          })}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByText('values-staging.yaml')).toBeInTheDocument();
    expect(screen.getByText(/Deleted \(2\)/)).toBeInTheDocument();
    expect(screen.getByText(/Changed \(2\)/)).toBeInTheDocument();
    expect(
      screen.getByText(/staging is removed: the instance there/),
    ).toBeInTheDocument();
    expect(screen.getByText(/This change can lose data/)).toBeInTheDocument();
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Files: 2 changed .*; 2 deleted .*\. Can lose data: staging is removed/,
        ),
      ),
    );
    expect(requests).toEqual([
      'POST http://backstage.test/api/scaffolder/valkey/form-check',
    ]);
  });

  it('blocks Create on a data-losing change until it is confirmed', async () => {
    const { apiHolder } = backend(removingStaging);
    const form = { name: 'orders-cache', changeOf: 'orders-cache' };
    const unconfirmed = createFieldValidation();
    await validateChangePreview('', unconfirmed, {
      apiHolder,
      formData: { ...form, confirmDestructive: false },
    } as any);
    expect(unconfirmed.__errors).toEqual([
      expect.stringMatching(
        /^This change can lose data \(staging is removed.*\): tick "I understand these changes can lose data"/,
      ),
    ]);
    const confirmed = createFieldValidation();
    await validateChangePreview('', confirmed, {
      apiHolder,
      formData: { ...form, confirmDestructive: true },
    } as any);
    expect(confirmed.__errors).toEqual([]);
  });

  it('blocks Create when the instance as it is now cannot be read, in words', async () => {
    const { apiHolder } = backend({
      ok: false,
      environments: [],
      problems: [
        {
          field: 'changeOf',
          label: 'Instance being changed',
          message:
            'The folder of orders-cache holds no instance.yaml, so it is not an instance rendered by this template; nothing was changed',
        },
      ],
    });
    const validation = createFieldValidation();
    await validateChangePreview('', validation, {
      apiHolder,
      formData: { name: 'orders-cache', changeOf: 'orders-cache' },
    } as any);
    expect(validation.__errors).toEqual([
      expect.stringMatching(
        /^Instance being changed: The folder of orders-cache holds no instance.yaml/,
      ),
    ]);
  });
});
