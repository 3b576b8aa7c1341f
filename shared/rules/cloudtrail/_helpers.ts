import type { CloudTrailTrail } from '../../config-items/models/cloudtrail.ts';

/** How much of the management-event stream a trail records. */
export type ManagementCoverage =
  | { readonly kind: 'all' }
  | { readonly kind: 'partial'; readonly detail: string }
  | { readonly kind: 'none' }
  /** Custom selectors exist but the CI does not carry them. */
  | { readonly kind: 'unknown' };

/**
 * Reads a trail's event selectors the way CloudTrail applies them: advanced selectors replace
 * basic ones; a trail with neither logs all management events (read and write). Anything that
 * drops part of the stream (read-only or write-only, excluded sources such as kms or rdsdata)
 * is partial, which multi-region-cloudtrail-enabled and FSBP CloudTrail.1 reject.
 */
export function managementCoverage(trail: CloudTrailTrail): ManagementCoverage {
  const advanced = trail.advancedEventSelectors ?? [];
  if (advanced.length > 0) {
    const management = advanced.filter((s) =>
      s.fieldSelectors.some((f) => f.field === 'eventCategory' && f.equals.includes('Management')),
    );
    if (management.length === 0) return { kind: 'none' };
    const filters = management.map((s) => s.fieldSelectors.filter((f) => f.field !== 'eventCategory'));
    // A selector filtered only on readOnly covers reads or writes; a read and a write selector together cover all.
    const halves = new Set(
      filters.flatMap((f) => (f.length === 0 ? ['true', 'false'] : f.length === 1 && f[0]?.field === 'readOnly' ? f[0].equals : [])),
    );
    if (halves.has('true') && halves.has('false')) return { kind: 'all' };
    const detail =
      halves.size === 1
        ? `${halves.has('true') ? 'read-only' : 'write-only'} management events`
        : `management events filtered on ${[...new Set(filters.flat().map((f) => f.field))].join(', ')}`;
    return { kind: 'partial', detail };
  }
  const basic = trail.eventSelectors ?? [];
  if (basic.length > 0) {
    const management = basic.filter((s) => s.includeManagementEvents);
    if (management.length === 0) return { kind: 'none' };
    const complete = management.filter((s) => s.excludeManagementEventSources.length === 0);
    const types = new Set(complete.map((s) => s.readWriteType));
    if (types.has('All') || (types.has('ReadOnly') && types.has('WriteOnly'))) return { kind: 'all' };
    const detail =
      types.size > 0
        ? `${types.has('ReadOnly') ? 'read-only' : 'write-only'} management events`
        : `management events excluding ${[...new Set(management.flatMap((s) => s.excludeManagementEventSources))].join(', ')}`;
    return { kind: 'partial', detail };
  }
  return trail.hasCustomEventSelectors === true ? { kind: 'unknown' } : { kind: 'all' };
}

/** Why a trail does not qualify as the account's multi-region audit trail; undefined when it does. */
export function auditTrailShortfall(trail: CloudTrailTrail): string | undefined {
  if (!trail.isMultiRegionTrail) return 'single-region';
  if (trail.isLogging === false) return 'not logging';
  const coverage = managementCoverage(trail);
  if (coverage.kind === 'none') return 'no management events';
  if (coverage.kind === 'partial') return coverage.detail;
  return undefined;
}
