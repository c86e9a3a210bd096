import { stringifyEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { valkeyApiRef } from '../api';
import { errorMessage } from '../components/shared/errorMessage';
import { changeFormData } from '@valkey-backstage/plugin-valkey-common';
import { CHANGE_TEMPLATE_NAME, retireUrl, templateUrl } from './templateLinks';

/**
 * "Change this instance" and "Retire this instance" for the entity on the
 * page. Change reads the stored spec first and opens the form pre-filled; when
 * the spec cannot be read, it says why and opens nothing.
 */
export function useInstanceActions() {
  const { entity } = useEntity();
  const api = useApi(valkeyApiRef);
  const alertApi = useApi(alertApiRef);
  const navigate = useNavigate();

  const changeInstance = useCallback(async () => {
    try {
      const { spec, publishedTo } = await api.getStoredSpec({
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      });
      navigate(
        templateUrl(CHANGE_TEMPLATE_NAME, changeFormData(spec, publishedTo)),
      );
    } catch (e) {
      alertApi.post({
        severity: 'error',
        message: `${stringifyEntityRef(
          entity,
        )} cannot be changed from the portal: ${errorMessage(e as Error)}`,
      });
    }
  }, [api, alertApi, entity, navigate]);

  const retireInstance = useCallback(
    () => navigate(retireUrl(entity)),
    [entity, navigate],
  );

  return { changeInstance, retireInstance, retireHref: retireUrl(entity) };
}
