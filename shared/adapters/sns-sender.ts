/**
 * SNS sender: one Publish per alert, with an e-mail-friendly Subject, a versioned JSON body and
 * message attributes for subscription filter policies (shared/app/notify-payloads.ts).
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertSender, SendOutcome } from '../app/notify-ports.ts';
import { renderSnsMessage } from '../app/notify-payloads.ts';
import type { RuleLookup } from '../app/notify-slack-message.ts';

export const snsSenderIamActions = ['sns:Publish'] as const;

/** Errors that no retry will fix: the topic is gone, the role may not publish, the message is invalid. */
const PERMANENT = new Set(['NotFoundException', 'NotFound', 'AuthorizationErrorException', 'AuthorizationError', 'InvalidParameterException', 'InvalidParameter', 'InvalidParameterValueException', 'KMSDisabledException', 'KMSNotFoundException']);

/**
 * @example
 * const sns = createSnsSender({ client: new SNSClient({}), topicArn, rules });
 */
export function createSnsSender(options: { readonly client: SNSClient; readonly topicArn: string; readonly rules: RuleLookup }): AlertSender {
  return {
    batchSize: 1,
    async send(alerts) {
      const out: SendOutcome[] = [];
      for (const alert of alerts) {
        const message = renderSnsMessage(alert, options.rules);
        try {
          await options.client.send(
            new PublishCommand({ TopicArn: options.topicArn, Subject: message.subject, Message: message.body, MessageAttributes: message.attributes }),
          );
          out.push({ kind: 'delivered' });
        } catch (error) {
          const name = error instanceof Error ? error.name : 'Error';
          const reason = `sns:Publish to ${options.topicArn} failed: ${name}: ${error instanceof Error ? error.message : String(error)}`;
          out.push(PERMANENT.has(name) ? { kind: 'failed', reason } : { kind: 'retry', reason });
        }
      }
      return out;
    },
  };
}
