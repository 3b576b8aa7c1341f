import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { containerNames, inactiveVerdict, taskDefinitionLabel } from './_task-definition.ts';

export default defineRule({
  id: 'ecs-task-definition-not-privileged',
  title: 'ECS task definitions run no privileged container',
  severity: 'high',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  category: RuleCategory.availability,
  checklist: '(hardening)',
  remediation: {
    text:
      'Remove privileged: true. A privileged container has root on the host instance (all devices, all capabilities); grant the ' +
      'specific Linux capabilities it needs through linuxParameters.capabilities instead.',
    cloudformation: 'ContainerDefinitions:\n  - Name: agent\n    Privileged: false\n    LinuxParameters:\n      Capabilities:\n        Add: [NET_ADMIN]',
  },
  params: {},
  equivalents: { fsbp: ['ECS.4'] },
  evaluate(td) {
    const inactive = inactiveVerdict(td);
    if (inactive) return inactive;
    const label = taskDefinitionLabel(td);
    const privileged = td.model.containers.filter((c) => c.privileged);
    return privileged.length === 0
      ? compliant(`ECS task definition ${label} runs no privileged container.`)
      : nonCompliant(`ECS task definition ${label} runs privileged containers: ${containerNames(privileged)}.`);
  },
});
