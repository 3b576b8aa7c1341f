import { describe, expect, it } from 'vitest';
import { alertChannelGrants, alertChannelsJson } from '../../infra/alert-channels.ts';

describe('alertChannels parameter', () => {
  it('is validated and compacted at package time, defaults filled', () => {
    expect(JSON.parse(alertChannelsJson(' [{"id":"ops","type":"slack","target":"vigil/slack"}] '))).toEqual([{ id: 'ops', type: 'slack', target: 'vigil/slack', minSeverity: 'medium' }]);
    expect(() => alertChannelsJson('[{"id":"ops","type":"slack"}]')).toThrow('channels[0.target]');
    expect(() => alertChannelsJson('[{')).toThrow(SyntaxError);
  });

  it('grants the roles exactly the channels\' topics, buses, secrets and parameters', () => {
    const grants = alertChannelGrants([
      { id: 'a', type: 'slack', target: 'vigil/slack' },
      { id: 'b', type: 'slack', target: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:other-AbCdEf' },
      { id: 'c', type: 'slack', target: 'ssm:/vigil/prod/slack' },
      { id: 'd', type: 'sns', target: 'default' },
      { id: 'e', type: 'sns', target: 'arn:aws:sns:eu-west-1:111122223333:security' },
      { id: 'f', type: 'eventbridge', target: 'vigil-findings' },
    ]);
    expect(grants).toEqual({
      secrets: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:vigil/slack-??????' },
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:other-AbCdEf',
      ],
      parameters: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/vigil/prod/slack' }],
      topics: [{ Ref: 'AlertsTopic' }, 'arn:aws:sns:eu-west-1:111122223333:security'],
      buses: [{ 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/vigil-findings' }],
    });
  });
});
