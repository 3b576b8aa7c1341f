import { bool, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface GuardDutyDetector {
  readonly detectorId: string;
  /** undefined when the item says neither Enable nor Status. */
  readonly enabled: boolean | undefined;
  readonly findingPublishingFrequency: string | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::GuardDuty::Detector': GuardDutyDetector;
  }
}

/**
 * Config records detectors in CloudFormation shape (`Enable: true`, `Id`); the GuardDuty API
 * (GetDetector) says `Status: ENABLED | DISABLED` instead. A suspended detector keeps existing
 * with Enable false.
 */
export function normalizeGuardDutyDetector(input: ModelInput): GuardDutyDetector {
  const c = input.configuration;
  return {
    detectorId: str(pick(c, 'Id', 'id', 'DetectorId', 'detectorId')) ?? input.resourceId,
    enabled: bool(pick(c, 'Enable', 'enable', 'Status', 'status')),
    findingPublishingFrequency: str(pick(c, 'FindingPublishingFrequency', 'findingPublishingFrequency')),
  };
}

export const guardDutyModels = {
  'AWS::GuardDuty::Detector': normalizeGuardDutyDetector,
} satisfies ModelRegistry;
