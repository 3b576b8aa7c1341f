import { bool, objs, str, strs } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';
import type { AccountModel } from '../../domain/resource.ts';

/**
 * The account pseudo-resource. AWS Config records no such item; Vigil's collectors emit one in
 * CI shape (resourceType `AWS::::Account`) with what they read: the IAM account summary,
 * restore testing plans, GuardDuty detectors. A snapshot scan synthesizes an empty one.
 */
export function normalizeAccount(input: ModelInput): AccountModel {
  const c = input.configuration;
  const detectors = c['guardDutyDetectors'];
  return {
    rootMfaEnabled: bool(c['rootMfaEnabled']),
    restoreTestingPlans: c['restoreTestingPlans'] === undefined ? undefined : strs(c['restoreTestingPlans']),
    guardDutyDetectors:
      detectors === undefined
        ? undefined
        : objs(detectors).map((d) => ({ id: str(d['id']) ?? '', status: str(d['status']) ?? 'UNKNOWN' })),
  };
}

export const accountModels = {
  'AWS::::Account': normalizeAccount,
} satisfies ModelRegistry;
