import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  connectionFacts,
  EnvironmentConnection,
  VALKEY_CONNECTION_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { valkeyEntity } from '../../__testUtils__/renderWithStatus';
import { ValkeyConnectCard } from './ValkeyConnectCard';

jest.setTimeout(30_000);

function facts(environment: string, tls: boolean): EnvironmentConnection {
  return connectionFacts({
    release: 'orders-cache',
    environment,
    namespace: `valkey-${environment}`,
    mode: 'replication',
    servicePort: 6379,
    tls: { enabled: tls, port: 6380, disablePlaintext: false },
    readService: true,
    primaryService: true,
    password: { secretName: 'orders-cache-auth', secretKey: 'valkey-password' },
  });
}

function entityWith(annotation?: string) {
  const entity = valkeyEntity('orders-cache', 'dev,prod');
  if (annotation !== undefined)
    entity.metadata.annotations![VALKEY_CONNECTION_ANNOTATION] = annotation;
  return entity;
}

async function renderCard(annotation?: string) {
  await renderInTestApp(
    <EntityProvider entity={entityWith(annotation)}>
      <ValkeyConnectCard />
    </EntityProvider>,
  );
}

describe('ValkeyConnectCard', () => {
  const both = JSON.stringify([facts('dev', false), facts('prod', true)]);

  it('shows the first environment: endpoints, TLS, the Secret, and Node.js code with a copy button', async () => {
    await renderCard(both);
    expect(
      await screen.findByText(
        'Writes (primary): orders-cache-valkey.valkey-dev.svc.cluster.local:6379',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('TLS: off')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Password: Secret orders-cache-auth, key valkey-password/,
      ),
    ).toBeInTheDocument();
    const code = screen.getByTestId('valkey-snippet-node');
    expect(code).toHaveTextContent("import Valkey from 'iovalkey'");
    expect(code).toHaveTextContent('process.env.VALKEY_PASSWORD');
    expect(within(code).getByRole('button')).toBeInTheDocument();
  });

  it('switches environment and language from the same facts', async () => {
    await renderCard(both);
    fireEvent.click(await screen.findByRole('button', { name: 'prod' }));
    expect(await screen.findByText('TLS: on')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Python (valkey-py)' }));
    const code = await screen.findByTestId('valkey-snippet-python');
    expect(code).toHaveTextContent(
      'host="orders-cache-valkey.valkey-prod.svc.cluster.local", port=6380',
    );
    expect(code).toHaveTextContent('ssl=True');
  });

  it.each([
    ['without the annotation', undefined, /no connection details yet/],
    ['with an unreadable annotation', '[{"host":"evil"}]', /not readable/],
  ])('says so in one line %s', async (_what, annotation, message) => {
    await renderCard(annotation);
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/iovalkey/)).toBeNull();
  });
});
