/*
 * The runnable Backstage backend of this repository. The features it loads are
 * listed in ./features so tests can start the same set.
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
backend.start();
