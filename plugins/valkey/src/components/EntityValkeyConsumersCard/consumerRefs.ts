import { Entity, RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';

/**
 * The entities that declare they depend on this one (`dependsOn` on their
 * side gives a `dependencyOf` relation on this side), each once, sorted.
 */
export function consumerRefs(entity: Entity): string[] {
  const refs = (entity.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDENCY_OF)
    .map(r => r.targetRef);
  return [...new Set(refs)].sort();
}
