import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, netTransitions, transitionOfRecord, isFindingRecord, isMalformedStreamRecordError, isOpen, type TransitionKind } from '../../../shared/app/notify-transitions.ts';
import { findingImage, streamRecord } from '../../support/finding-images.ts';

const at = (iso: string) => ({ lastEvaluatedAt: iso });
const open = findingImage({ version: 1 });
const compliant = findingImage({ status: 'COMPLIANT', reason: 'PITR on.', version: 1 });
const suppressed = findingImage({ version: 2, suppression: { id: 's1', reason: 'accepted until the migration', expiresAt: '2026-12-02T00:00:00.000Z' } });

describe('transitionOfRecord', () => {
  it.each([
    ['a new NON_COMPLIANT finding is opened', undefined, open, 'opened'],
    ['COMPLIANT → NON_COMPLIANT regressed', compliant, { ...open, version: 2 }, 'regressed'],
    ['NOT_APPLICABLE → NON_COMPLIANT is opened', { ...compliant, status: 'NOT_APPLICABLE' as const }, { ...open, version: 2 }, 'opened'],
    ['NON_COMPLIANT → COMPLIANT resolved', open, { ...compliant, version: 2, ...at('2026-12-03T10:00:00.000Z') }, 'resolved'],
    ['suppressed → not suppressed, still failing: suppression expired', suppressed, { ...open, version: 3 }, 'suppression-expired'],
  ] as const)('%s', (_name, before, after, kind) => {
    // Prepare
    const record = streamRecord(before, after);
    // Act
    const t = transitionOfRecord(record);
    // Assess
    expect(t?.kind).toBe(kind);
    expect(t?.version).toBe(after.version);
    expect(t?.findingKey).toBe(`${after.pk}|${after.ruleId}`);
  });

  it.each([
    ['a new COMPLIANT finding', undefined, compliant],
    ['a new NOT_APPLICABLE finding', undefined, { ...compliant, status: 'NOT_APPLICABLE' as const }],
    ['a changed reason alone', open, { ...open, reason: 'Other words.', version: 2 }],
    ['a changed severity alone', open, { ...open, severity: 'critical' as const, version: 2 }],
    ['NOT_APPLICABLE ↔ COMPLIANT churn', compliant, { ...compliant, status: 'NOT_APPLICABLE' as const, version: 2 }],
    ['a finding being suppressed', open, { ...suppressed }],
    ['a suppressed finding that starts failing', undefined, suppressed],
    ['a suppressed finding resolving', suppressed, { ...compliant, version: 3 }],
    ['an open finding whose rule errors', open, { ...open, status: 'ERROR' as const, version: 2 }],
  ] as const)('does not alert on %s', (_name, before, after) => {
    expect(transitionOfRecord(streamRecord(before, after))).toBeUndefined();
  });

  it('resolves an open finding whose resource was deleted, saying how long it was open', () => {
    const gone = { ...open, status: 'NOT_APPLICABLE' as const, version: 2, ttl: 1_800_000_000, lastEvaluatedAt: '2026-12-04T08:00:00.000Z' };
    const t = transitionOfRecord(streamRecord(open, gone));
    expect(t).toMatchObject({ kind: 'resolved', resourceDeleted: true, openedAt: open.lastChangedAt, at: '2026-12-04T08:00:00.000Z' });
  });

  it('names the record and the field when an image does not read as a finding', () => {
    const record = streamRecord(undefined, open);
    delete record.dynamodb?.NewImage?.['severity'];
    let error: unknown;
    try {
      transitionOfRecord(record);
    } catch (e) {
      error = e;
    }
    expect(isMalformedStreamRecordError(error)).toBe(true);
    expect(String(error)).toContain(record.eventID);
    expect(String(error)).toContain('NewImage.severity');
  });

  it('reads only finding items', () => {
    const record = streamRecord(undefined, open);
    expect(isFindingRecord(record)).toBe(true);
    if (record.dynamodb?.Keys) record.dynamodb.Keys['sk'] = { S: 'META' };
    expect(isFindingRecord(record)).toBe(false);
  });
});

describe('netTransitions', () => {
  const t = (findingKey: string, version: number, kind: TransitionKind) => ({ findingKey, version, kind });

  it.each([
    ['opened, then resolved: no change', [t('a', 1, 'opened'), t('a', 2, 'resolved')], []],
    ['regressed, then resolved: no change', [t('a', 3, 'regressed'), t('a', 4, 'resolved')], []],
    ['resolved, then opened again: still open', [t('a', 5, 'resolved'), t('a', 6, 'opened')], []],
    ['opened, resolved, opened: one opening, the last', [t('a', 1, 'opened'), t('a', 2, 'resolved'), t('a', 3, 'opened')], [t('a', 3, 'opened')]],
    ['listed out of order: the versions decide', [t('a', 2, 'resolved'), t('a', 1, 'opened')], []],
    ['one change each: all kept', [t('a', 1, 'opened'), t('b', 1, 'opened'), t('c', 4, 'resolved')], [t('a', 1, 'opened'), t('b', 1, 'opened'), t('c', 4, 'resolved')]],
  ] as const)('%s', (_name, given, expected) => {
    // Act
    const { kept, folded } = netTransitions(given);
    // Assess
    expect(kept).toEqual(expected);
    expect(kept.length + folded.length).toBe(given.length);
  });

  it('tells each finding at most once, and what it tells ends where the finding ended', () => {
    // Any run of real finding states; its transitions are what classify says of each consecutive pair.
    const state = fc.constantFrom('NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE', 'ERROR').map((status) => ({ status, suppression: undefined }));
    const openAfter = (kind: TransitionKind): boolean => kind !== 'resolved';
    fc.assert(
      fc.property(fc.array(fc.array(state, { minLength: 2, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (runs) => {
        // Prepare
        const transitions = runs.flatMap((states, f) =>
          states.slice(1).flatMap((after, i) => {
            const kind = classify(findingImage({ ...states[i], version: i + 1 }), findingImage({ ...after, version: i + 2 }));
            return kind ? [t(`f${f}`, i + 2, kind)] : [];
          }),
        );
        // Act
        const { kept } = netTransitions(transitions);
        // Assess: what a reader believed before the batch, updated by what they are told, is
        // what the finding's last transition left it as
        runs.forEach((_states, f) => {
          const all = transitions.filter((x) => x.findingKey === `f${f}`);
          const told = kept.filter((x) => x.findingKey === `f${f}`);
          expect(told.length).toBeLessThanOrEqual(1);
          const first = all[0];
          const last = all.at(-1);
          if (!first || !last) return;
          const believedBefore = first.kind === 'resolved';
          const believedAfter = told[0] ? openAfter(told[0].kind) : believedBefore;
          expect(believedAfter).toBe(openAfter(last.kind));
        });
      }),
    );
  });
});
