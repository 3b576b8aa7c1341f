import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { allOf, containerNames, inactiveVerdict, taskDefinitionLabel } from './_task-definition.ts';

export default defineRule({
  id: 'ecs-task-definition-logging',
  title: 'ECS task definitions give every container a log configuration',
  severity: 'high',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  category: RuleCategory.monitoring,
  checklist: '003 logging stack',
  remediation: {
    text:
      'Give each container a logConfiguration (awslogs to CloudWatch Logs, or awsfirelens to route elsewhere); without one, ' +
      "a container's output is lost when its task stops.",
    cloudformation:
      'LogConfiguration:\n  LogDriver: awslogs\n  Options:\n    awslogs-group: !Ref LogGroup\n    awslogs-region: !Ref AWS::Region\n    awslogs-stream-prefix: api',
  },
  params: {},
  equivalents: { fsbp: ['ECS.9'] },
  evaluate(td) {
    const inactive = inactiveVerdict(td);
    if (inactive) return inactive;
    const label = taskDefinitionLabel(td);
    const containers = td.model.containers;
    if (containers.length === 0) return notApplicable(`ECS task definition ${label} records no container definitions.`);
    const silent = containers.filter((c) => c.logDriver === undefined);
    if (silent.length === 0) {
      const drivers = [...new Set(containers.map((c) => c.logDriver))].join(', ');
      return compliant(`ECS task definition ${label} configures logging for ${allOf(containers.length, 'container')} (${drivers}).`);
    }
    return nonCompliant(`ECS task definition ${label} has containers without a log configuration: ${containerNames(silent)}.`);
  },
});
