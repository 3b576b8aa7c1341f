import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createLambdaEventInvokeConfigsCollector } from '../../shared/adapters/collectors/lambda-event-invoke-configs.ts';
import { isMissingPermissionError } from '../../shared/adapters/errors/missing-permission-error.ts';
import { scanResources } from '../../shared/app/scan.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import type { AnyResource } from '../../shared/domain/resource.ts';
import { catalog } from '../../shared/rules/index.ts';
import {
  ACCOUNT_ID,
  eventInvokeConfig,
  lambdaFunction,
  REGION,
  snapshotItem,
  startLoopbackAccount,
  type AccountItem,
  type LoopbackAccountSpec,
} from '../support/loopback-account.ts';
import { awsError, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';

const RULE = 'lambda-function-async-failure-destination';
const scope = { accountId: ACCOUNT_ID, region: REGION };
const arn = (name: string, qualifier?: string) => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
const queue = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;

/** Config's inventory of the functions, as the live scan holds it before the collectors run. */
function configInventory(items: readonly AccountItem[]): AnyResource[] {
  return items.map((item) => normalizeConfigurationItem(snapshotItem(item, REGION)));
}

function verdicts(resources: readonly AnyResource[]) {
  const report = scanResources(resources, catalog.filter((r) => r.id === RULE), { now: new Date('2026-11-23T00:00:00Z'), complete: true });
  return Object.fromEntries(report.evaluations.map((e) => [e.resourceId, { status: e.status, reason: e.reason }]));
}

describe('Lambda event-invoke configurations (ListFunctionEventInvokeConfigs, REST-JSON) against loopback AWS', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  async function collect(spec: Omit<LoopbackAccountSpec, 'region'>, items: readonly AccountItem[] = spec.items) {
    aws = await startLoopbackAccount({ region: REGION, ...spec });
    const inventory = configInventory(items);
    const collector = createLambdaEventInvokeConfigsCollector({ client: new LambdaClient(testClientConfig(aws.endpoint)), resources: () => inventory });
    return { inventory, collector };
  }

  it('passes a function with an on-failure destination, and fails one without or with a destination on success only', async () => {
    // Prepare
    const items = ['image-ingest', 'report-builder', 'notify-sent', 'checkout-live'].map((name) => lambdaFunction(name));
    const { inventory, collector } = await collect({
      items,
      eventInvokeConfigs: {
        'image-ingest': [eventInvokeConfig('image-ingest', { onFailure: queue('image-ingest-failures') })],
        'notify-sent': [eventInvokeConfig('notify-sent', { onSuccess: queue('notify-sent-done') })],
        // Events arrive through the alias, whose configuration keeps the failures.
        'checkout-live': [eventInvokeConfig('checkout-live', { onFailure: queue('checkout-failures') }, 'live')],
      },
    });

    // Act
    const collected = await collector.collect(scope);

    // Assess: one call per function, by name; the collected functions replace Config's (same keys).
    expect(aws?.callsTo('ListFunctionEventInvokeConfigs').map((c) => (c.input as { FunctionName: string }).FunctionName).sort()).toEqual(
      ['checkout-live', 'image-ingest', 'notify-sent', 'report-builder'],
    );
    expect(collected.map((r) => r.resourceId).sort()).toEqual(inventory.map((r) => r.resourceId).sort());
    const live = verdicts(collected);
    expect(live['image-ingest']).toEqual({
      status: 'COMPLIANT',
      reason: `Lambda function image-ingest sends failed asynchronous events to destination ${queue('image-ingest-failures')}.`,
    });
    expect(live['checkout-live']?.status).toBe('COMPLIANT');
    expect(live['report-builder']).toEqual({ status: 'NON_COMPLIANT', reason: 'Lambda function report-builder has no dead-letter queue and no on-failure destination.' });
    expect(live['notify-sent']).toEqual({ status: 'NON_COMPLIANT', reason: 'Lambda function notify-sent has no dead-letter queue and no on-failure destination.' });
    // From Config's items alone (a snapshot), the destination is unseen and the reason says so.
    const fromConfig = verdicts(inventory);
    expect(fromConfig['image-ingest']).toEqual({
      status: 'NON_COMPLIANT',
      reason: 'Lambda function image-ingest has no dead-letter queue; an on-failure destination, if any, is not recorded by AWS Config (vigil scan --live reads it).',
    });
  });

  it('reads every page of a function with many versions and aliases', async () => {
    // Prepare: the $LATEST configuration, the one with a destination, is on the second page.
    const pages: Record<string, { FunctionEventInvokeConfigs: unknown[]; NextMarker?: string }> = {
      start: { FunctionEventInvokeConfigs: [eventInvokeConfig('orders', {}, '1'), eventInvokeConfig('orders', {}, '2')], NextMarker: 'p2' },
      p2: { FunctionEventInvokeConfigs: [eventInvokeConfig('orders', { onFailure: queue('orders-failures') })] },
    };
    const { collector } = await collect({
      items: [lambdaFunction('orders')],
      overrides: { ListFunctionEventInvokeConfigs: (input: { Marker?: string }) => pages[input.Marker ?? 'start'] },
    });

    // Act
    const collected = await collector.collect(scope);

    // Assess
    expect(aws?.callsTo('ListFunctionEventInvokeConfigs').map((c) => c.input)).toEqual([
      { FunctionName: 'orders', MaxItems: '50' },
      { FunctionName: 'orders', MaxItems: '50', Marker: 'p2' },
    ]);
    expect(verdicts(collected)['orders']?.status).toBe('COMPLIANT');
  });

  it('retries a throttled call (429 TooManyRequestsException) and then succeeds', async () => {
    // Prepare
    let calls = 0;
    const { collector } = await collect({
      items: [lambdaFunction('orders')],
      overrides: {
        ListFunctionEventInvokeConfigs: () => {
          if (++calls === 1) awsError('TooManyRequestsException', 'Rate exceeded', 429);
          return { FunctionEventInvokeConfigs: [eventInvokeConfig('orders', { onFailure: queue('orders-failures') })] };
        },
      },
    });

    // Act
    const collected = await collector.collect(scope);

    // Assess
    expect(aws?.callsTo('ListFunctionEventInvokeConfigs')).toHaveLength(2);
    expect(verdicts(collected)['orders']?.status).toBe('COMPLIANT');
  });

  it('names lambda:ListFunctionEventInvokeConfigs when access is denied', async () => {
    // Prepare
    const { collector } = await collect({
      items: [lambdaFunction('orders')],
      overrides: {
        ListFunctionEventInvokeConfigs: () =>
          awsError(
            'AccessDeniedException',
            `User: arn:aws:iam::${ACCOUNT_ID}:user/auditor is not authorized to perform: lambda:ListFunctionEventInvokeConfigs on resource: ${arn('orders')}`,
            403,
          ),
      },
    });

    // Act
    const error = await collector.collect(scope).catch((e: unknown) => e);

    // Assess
    expect(isMissingPermissionError(error)).toBe(true);
    expect(error).toMatchObject({ action: 'lambda:ListFunctionEventInvokeConfigs', region: REGION });
    expect((error as Error).message).toMatch(/^missing permission lambda:ListFunctionEventInvokeConfigs in eu-west-1/);
    expect((error as Error).cause).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('leaves Config\'s item as it is for a function deleted since Config listed it, and reads only functions of the scope', async () => {
    // Prepare: "retired" is in Config's inventory, no longer in Lambda; another region's function is not asked for.
    const elsewhere = normalizeConfigurationItem({ ...snapshotItem(lambdaFunction('eu-central-worker'), REGION), awsRegion: 'eu-central-1' });
    aws = await startLoopbackAccount({ region: REGION, items: [lambdaFunction('orders')] });
    const inventory = [...configInventory([lambdaFunction('orders'), lambdaFunction('retired')]), elsewhere];
    const collector = createLambdaEventInvokeConfigsCollector({ client: new LambdaClient(testClientConfig(aws.endpoint)), resources: () => inventory });

    // Act
    const collected = await collector.collect(scope);

    // Assess
    expect(collected.map((r) => r.resourceId)).toEqual(['orders']);
    expect(aws.callsTo('ListFunctionEventInvokeConfigs').map((c) => (c.input as { FunctionName: string }).FunctionName).sort()).toEqual(['orders', 'retired']);
  });
});
