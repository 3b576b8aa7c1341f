import type { EcsContainer } from '../../config-items/models/ecs.ts';
import type { Verdict } from '../../domain/evaluation.ts';
import type { Resource } from '../../domain/resource.ts';
import { notApplicable } from '../rule.ts';

export type TaskDefinitionResource = Resource<'AWS::ECS::TaskDefinition'>;

/** "family:revision" as Config names the item (resourceName), else the family. */
export function taskDefinitionLabel(td: TaskDefinitionResource): string {
  return td.resourceName ?? td.resourceId;
}

/**
 * Deregistered (INACTIVE) revisions stay recorded but no new task or service can use them, so
 * container rules do not judge them. Undefined when the revision is live.
 */
export function inactiveVerdict(td: TaskDefinitionResource): Verdict | undefined {
  return td.model.status === 'INACTIVE'
    ? notApplicable(`ECS task definition ${taskDefinitionLabel(td)} is deregistered (INACTIVE).`)
    : undefined;
}

/** Container names, as many as fit, for a reason. */
export function containerNames(containers: readonly EcsContainer[], max = 5): string {
  const names = containers.slice(0, max).map((c) => c.name);
  return containers.length > max ? `${names.join(', ')} and ${containers.length - max} more` : names.join(', ');
}

/** "its container" or "all 3 containers". */
export function allOf(count: number, noun: string): string {
  return count === 1 ? `its ${noun}` : `all ${count} ${noun}s`;
}
