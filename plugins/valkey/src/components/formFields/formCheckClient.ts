import type { ApiHolder } from '@backstage/core-plugin-api';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ValkeyEnvironmentChoice,
  ValkeyFormCheck,
  ValkeyFormIntent,
  ValkeyNameCheck,
} from '@valkey-backstage/plugin-valkey-common';
import { useMemo } from 'react';

type Apis = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
};

/**
 * The form's live checks, served by the Valkey scaffolder module under
 * /api/scaffolder/valkey with the same renderer and policy as the render action.
 */
export class FormCheckClient {
  constructor(private readonly apis: Apis) {}

  static fromApiHolder(apiHolder: ApiHolder): FormCheckClient {
    const discoveryApi = apiHolder.get(discoveryApiRef);
    const fetchApi = apiHolder.get(fetchApiRef);
    if (!discoveryApi || !fetchApi) {
      throw new Error('the app provides no discovery or fetch API');
    }
    return new FormCheckClient({ discoveryApi, fetchApi });
  }

  async environments(): Promise<ValkeyEnvironmentChoice[]> {
    const body = await this.request<{
      environments: ValkeyEnvironmentChoice[];
    }>('environments');
    return body.environments;
  }

  checkName(name: string, intent: ValkeyFormIntent): Promise<ValkeyNameCheck> {
    const query = new URLSearchParams({ name, intent });
    return this.request(`name-check?${query}`);
  }

  checkForm(form: object, intent: ValkeyFormIntent): Promise<ValkeyFormCheck> {
    return this.request('form-check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ form, intent }),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.apis.discoveryApi.getBaseUrl('scaffolder');
    const res = await this.apis.fetchApi.fetch(`${base}/valkey/${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}

export function useFormCheckClient(): FormCheckClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new FormCheckClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}

/**
 * "change" when the form was opened to change an existing instance (the
 * change flow sets `changeOf` to its name); its own name is then not a clash.
 */
export function intentOf(formData: unknown): ValkeyFormIntent {
  const data = (formData ?? {}) as { changeOf?: unknown; name?: unknown };
  return typeof data.changeOf === 'string' && data.changeOf === data.name
    ? 'change'
    : 'create';
}
