import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import useAsync from 'react-use/esm/useAsync';
import { isValkeyAvailable } from '../../isValkeyAvailable';
import { CompactTable } from '../shared/CompactTable';
import { errorMessage } from '../shared/errorMessage';
import { consumerRefs } from './consumerRefs';

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'relations',
];

/** One consumer as the catalog answered for it (undefined: not visible to the user, or gone). */
interface Consumer {
  ref: string;
  entity?: Entity;
}

const ConsumersCard = ({ entity }: { entity: Entity }) => {
  const catalogApi = useApi(catalogApiRef);
  const refs = consumerRefs(entity);
  const refsKey = refs.join(',');
  const { value, loading, error } = useAsync(async (): Promise<Consumer[]> => {
    if (!refs.length) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: FIELDS,
    });
    return refs.map((ref, i) => ({ ref, entity: items[i] }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, refsKey]);
  const self = stringifyEntityRef(entity);
  return (
    <div data-testid="valkey-card-Valkey consumers">
      <InfoCard
        title="Valkey consumers"
        subheader="Components that use this instance"
      >
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel
            title={`Could not load the consumers: ${errorMessage(error)}`}
            error={error}
          />
        )}
        {value && value.length === 0 && (
          <Typography variant="body2">
            No component says it uses this instance yet. A component that uses
            it lists <code>{self}</code> under <code>dependsOn</code> in its
            catalog file, and then shows up here with its owner.
          </Typography>
        )}
        {value && value.length > 0 && (
          <CompactTable aria-label="Consumers">
            <TableHead>
              <TableRow>
                <TableCell>Component</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Owner</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.map(consumer => (
                <TableRow
                  key={consumer.ref}
                  data-testid={`consumer-${consumer.ref}`}
                >
                  <TableCell>
                    <EntityRefLink
                      entityRef={consumer.ref}
                      title={consumer.entity?.metadata.title}
                    />
                  </TableCell>
                  <TableCell>
                    {consumer.entity
                      ? String(
                          consumer.entity.spec?.type ?? consumer.entity.kind,
                        )
                      : 'not visible to you'}
                  </TableCell>
                  <TableCell>
                    {consumer.entity ? (
                      <EntityRefLinks
                        entityRefs={(consumer.entity.relations ?? [])
                          .filter(r => r.type === RELATION_OWNED_BY)
                          .map(r => r.targetRef)}
                        defaultKind="group"
                      />
                    ) : (
                      'unknown'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </CompactTable>
        )}
      </InfoCard>
    </div>
  );
};

/** The components that declare they use this instance (`dependsOn`), with their owners. */
export const ValkeyConsumersCard = () => {
  const { entity } = useEntity();
  if (!isValkeyAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={VALKEY_INSTANCE_ANNOTATION} />
    );
  }
  return <ConsumersCard entity={entity} />;
};
