import { useState } from 'react';
import { Box, Tab, Tabs, Typography } from '@material-ui/core';
import { CodeSnippet, InfoCard } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  connectionSnippets,
  EnvironmentConnection,
  parseConnectionAnnotation,
  VALKEY_CONNECTION_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { isValkeyAvailable } from '../../isValkeyAvailable';
import { EnvironmentSwitcher } from '../shared/EnvironmentSwitcher';
import { ConnectionFactsList } from './ConnectionFactsList';

const ConnectionView = ({
  connections,
}: {
  connections: EnvironmentConnection[];
}) => {
  const [environment, setEnvironment] = useState(connections[0].environment);
  const [language, setLanguage] = useState(0);
  const c =
    connections.find(x => x.environment === environment) ?? connections[0];
  const snippets = connectionSnippets(c);
  const snippet = snippets[language] ?? snippets[0];
  return (
    <Box>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <Typography variant="subtitle2">
          {c.environment} ({c.mode})
        </Typography>
        <Box flexGrow={1} />
        <EnvironmentSwitcher
          environments={connections.map(x => ({
            name: x.environment,
            configured: true,
          }))}
          value={c.environment}
          onChange={setEnvironment}
        />
      </Box>
      <ConnectionFactsList c={c} />
      <Tabs
        value={language}
        onChange={(_e, next) => setLanguage(next)}
        indicatorColor="primary"
        variant="scrollable"
        aria-label="Language"
      >
        {snippets.map(s => (
          <Tab key={s.language} label={s.title} />
        ))}
      </Tabs>
      <div data-testid={`valkey-snippet-${snippet.language}`}>
        <CodeSnippet
          text={snippet.code}
          language={snippet.syntax}
          showCopyCodeButton
        />
      </div>
    </Box>
  );
};

/** How an application connects to each environment, with code to copy; never a password. */
export const ValkeyConnectCard = () => {
  const { entity } = useEntity();
  if (!isValkeyAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={VALKEY_INSTANCE_ANNOTATION} />
    );
  }
  const parsed = parseConnectionAnnotation(
    entity.metadata.annotations?.[VALKEY_CONNECTION_ANNOTATION],
  );
  return (
    <div data-testid="valkey-card-Connect">
      <InfoCard
        title="Connect"
        subheader={`Instance ${
          entity.metadata.annotations![VALKEY_INSTANCE_ANNOTATION]
        }`}
      >
        {parsed.ok ? (
          <ConnectionView connections={parsed.connections} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {parsed.message}
          </Typography>
        )}
      </InfoCard>
    </div>
  );
};
