/**
 * The `alertChannels` deployment parameter (DESIGN §5, docs/alerts.md): validated at package time
 * (through infra/catalog.cjs), like ruleParams, so a typo fails `osls package` and not the first
 * alert; and turned into the notify role's grants, so the role may publish to exactly the
 * channels' topics and buses and read exactly their webhook secrets.
 */
import { parseChannels, type Channel } from '../shared/app/notify-alerts.ts';

/** The stack's own encrypted topic (infra/alerts.yml), for an SNS channel whose target is `default`. */
export const DEFAULT_TOPIC = 'default';

type CfnValue = string | { readonly 'Fn::Sub': string } | { readonly Ref: string };

/**
 * @throws InvalidChannelsError naming the channel and field; SyntaxError when not JSON.
 * @example
 * alertChannelsJson('[{"id":"ops","type":"slack","target":"vigil/slack-webhook"}]');
 */
export function alertChannelsJson(raw: unknown): string {
  return JSON.stringify(channelsOf(raw).map(({ id, type, target, minSeverity, match }) => ({ id, type, target, minSeverity, ...(match ? { match } : {}) })));
}

function channelsOf(raw: unknown): Channel[] {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw.trim() === '' ? '[]' : raw) : (raw ?? []);
  return parseChannels(value);
}

/**
 * The resources the notify and redeliver roles are granted, by action. A list is never empty (an
 * IAM statement needs a resource): without channels of a type it names a resource that cannot exist.
 */
export function alertChannelGrants(raw: unknown): { readonly topics: CfnValue[]; readonly buses: CfnValue[]; readonly secrets: CfnValue[]; readonly parameters: CfnValue[] } {
  const channels = channelsOf(raw);
  const none = (service: string, kind: string): CfnValue => ({ 'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${kind}vigil-no-such-channel` });
  const of = (type: Channel['type'], map: (target: string) => CfnValue) => [...new Set(channels.filter((c) => c.type === type).map((c) => c.target))].map(map);
  const topics = of('sns', (t) => (t === DEFAULT_TOPIC ? { Ref: 'AlertsTopic' } : t));
  const buses = of('eventbridge', (t) => (t.startsWith('arn:') ? t : { 'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${t}` }));
  // Secrets Manager appends 6 random characters to a secret's ARN; a name is granted with them.
  const slack = (ssm: boolean) => channels.filter((c) => c.type === 'slack' && c.target.startsWith('ssm:') === ssm);
  const secrets = [...new Set(slack(false).map((c) => c.target))].map((t): CfnValue =>
    t.startsWith('arn:') ? t : { 'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${t}-??????` },
  );
  // A parameter's ARN has its name without the leading slash of a path.
  const parameters = [...new Set(slack(true).map((c) => c.target.slice('ssm:'.length).replace(/^\//, '')))].map(
    (name): CfnValue => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name}` }),
  );
  return {
    topics: topics.length > 0 ? topics : [none('sns', '')],
    buses: buses.length > 0 ? buses : [none('events', 'event-bus/')],
    secrets: secrets.length > 0 ? secrets : [none('secretsmanager', 'secret:')],
    parameters: parameters.length > 0 ? parameters : [none('ssm', 'parameter/')],
  };
}
