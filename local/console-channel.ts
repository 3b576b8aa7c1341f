/**
 * Local mode's console channel: each alert printed as its Slack message reads (the same
 * renderSlackMessage, as plain text), so what a team would see in Slack shows on the terminal.
 */
import type { AlertSender } from '../shared/app/notify-ports.ts';
import { renderSlackMessage, slackMessageToText, type RuleLookup } from '../shared/app/notify-slack-message.ts';
import type { Rule } from '../shared/rules/rule.ts';

export function ruleLookupOf(catalog: readonly Rule[]): RuleLookup {
  const byId = new Map(catalog.map((rule) => [rule.id, { title: rule.title, remediation: rule.remediation }]));
  return (id) => byId.get(id);
}

export function createConsoleSender(options: { readonly print: (text: string) => void; readonly rules: RuleLookup }): AlertSender {
  return {
    batchSize: 1,
    async send(alerts) {
      for (const alert of alerts) {
        options.print(`\n${slackMessageToText(renderSlackMessage(alert, options.rules))}\n`);
      }
      return alerts.map(() => ({ kind: 'delivered' }) as const);
    },
  };
}
