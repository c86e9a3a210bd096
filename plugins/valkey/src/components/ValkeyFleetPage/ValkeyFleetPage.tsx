import { Header, Page } from '@backstage/core-components';
import { ValkeyFleetContent, ValkeyFleetPageProps } from './ValkeyFleetContent';

/**
 * The fleet page with its own header, for apps on the legacy frontend system
 * (the new frontend system gives the page its header itself).
 */
export const ValkeyFleetPage = (props: ValkeyFleetPageProps) => (
  <Page themeId="tool">
    <Header
      title="Valkey fleet"
      subtitle="Health, version, memory and backups of every Valkey instance"
    />
    <ValkeyFleetContent {...props} />
  </Page>
);
