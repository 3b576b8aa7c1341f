/**
 * The findings table's stream in local mode, and its two readers as deployed: notify (the
 * console channel, which prints each alert as its Slack message reads, and Slack itself when a
 * webhook is given) and the summary counters the api reads.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { createCountersHandler } from '../functions/counters/create-counters-handler.ts';
import { createNotifyHandler } from '../functions/notify/create-notify-handler.ts';
import { createAlertLedger } from '../shared/adapters/alert-ledger.ts';
import { createSummaryCounters } from '../shared/adapters/dynamodb-findings-queries-summary.ts';
import { createSlackSender } from '../shared/adapters/slack-sender.ts';
import { parseChannels } from '../shared/app/notify-alerts.ts';
import type { AlertSender } from '../shared/app/notify-ports.ts';
import type { HeartbeatRecorder } from '../shared/app/ports.ts';
import type { Rule } from '../shared/rules/rule.ts';
import { createConsoleSender, ruleLookupOf } from './console-channel.ts';
import { isFindingItemRecord, startStreamEventSource, type StreamEventSource } from './stream-event-source.ts';
import type { StreamRecorder } from './stream-recorder.ts';

export interface LocalAlertingOptions {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly recorder: StreamRecorder;
  readonly catalog: readonly Rule[];
  /** Prints an alert (stdout). */
  readonly printAlert: (text: string) => void;
  readonly slackWebhookUrl?: string | undefined;
  /** Deployed names of the two functions. */
  readonly names: { readonly notify: string; readonly counters: string };
  readonly powertools: (name: 'notify' | 'counters') => { logger: Logger; metrics: Metrics };
  /** A fresh Lambda context for an invocation of notify. */
  readonly notifyContext: () => Context;
  /** Where notify records that it delivered an alert (GET /health). */
  readonly heartbeats: HeartbeatRecorder;
  readonly report: (line: string) => void;
}

export interface LocalAlerting {
  readonly stream: StreamEventSource;
  runNotify(event: DynamoDBStreamEvent): Promise<unknown>;
  runCounters(event: DynamoDBStreamEvent | { readonly reconcile?: unknown }): Promise<unknown>;
}

export function startLocalAlerting(options: LocalAlertingOptions): LocalAlerting {
  const rules = ruleLookupOf(options.catalog);
  const channels = parseChannels([
    { id: 'console', type: 'slack', target: 'stdout' },
    ...(options.slackWebhookUrl ? [{ id: 'slack', type: 'slack', target: 'VIGIL_SLACK_WEBHOOK_URL' }] : []),
  ]);
  const senders: Record<string, AlertSender> = {
    console: createConsoleSender({ print: options.printAlert, rules }),
  };
  const webhook = options.slackWebhookUrl;
  if (webhook) senders['slack'] = createSlackSender({ webhookUrl: () => webhook, rules });
  const { dynamodb: client, tableName } = options;
  const notifyHandler = createNotifyHandler({
    // No scheduled redeliver runs here to send a sweep's held digest: a sweep's transitions are
    // grouped per stream batch instead (a first sweep's come in one batch, so one digest).
    deps: { channels, senders, ledger: createAlertLedger({ client, tableName }), heartbeats: options.heartbeats, now: () => new Date(), holdSweeps: false },
    ...options.powertools('notify'),
  });
  const runNotify = (event: DynamoDBStreamEvent): Promise<unknown> => notifyHandler(event, options.notifyContext());
  const runCounters = createCountersHandler({
    counters: createSummaryCounters({ client, tableName }),
    ruleIds: options.catalog.map((rule) => rule.id),
    logger: options.powertools('counters').logger,
  });
  const stream = startStreamEventSource({
    recorder: options.recorder,
    consumers: [
      { name: options.names.notify, filter: isFindingItemRecord, invoke: runNotify },
      // Finding items only, as serverless.yml filters it: its own SUMMARY markers must not come back.
      { name: options.names.counters, filter: isFindingItemRecord, invoke: runCounters },
    ],
    // notify's mapping in serverless.yml: 1,000 records a batch (a first sweep's alerts in one
    // digest). Its 5 s batching window is 200 ms here, so a change fed by hand answers at once.
    batchSize: 1_000,
    batchingWindowMs: 200,
    maxRetryAttempts: 3,
    onSkipped: (consumer, records, error) =>
      options.report(`vigil local: ${consumer} gave up on ${records.length} stream record(s) after retries: ${error instanceof Error ? error.message : String(error)}`),
  });
  return { stream, runNotify, runCounters };
}
