import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { allOf, containerNames, inactiveVerdict, taskDefinitionLabel } from './_task-definition.ts';

export default defineRule({
  id: 'ecs-task-definition-memory-limit',
  title: 'ECS task definitions cap the memory of every container',
  severity: 'low',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  category: RuleCategory.availability,
  checklist: '003 resource limits',
  remediation: {
    text:
      'Set a hard memory limit (memory) on each container, or a task-level memory size, so one leaking container is stopped ' +
      'instead of starving its neighbours or the instance. A memoryReservation alone is a soft limit, not a cap.',
    cloudformation: 'Memory: 1024  # task level, or per container:\nContainerDefinitions:\n  - Name: api\n    Memory: 512',
  },
  params: {},
  // Not ecs-task-definition-memory-hard-limit: the managed rule requires `memory` on every container
  // even when the task sets memory (always, on Fargate); the checklist accepts task-level memory.
  equivalents: {},
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'ecs-task-definition-memory-hard-limit',
    differences: [
      'Looser: task-level memory is enough; the managed rule requires memory on every container even when the task sets it.',
    ],
  },
  evaluate(td) {
    const inactive = inactiveVerdict(td);
    if (inactive) return inactive;
    const label = taskDefinitionLabel(td);
    const containers = td.model.containers;
    if (containers.length === 0) return notApplicable(`ECS task definition ${label} records no container definitions.`);
    if (td.model.taskMemory !== undefined) {
      return compliant(`ECS task definition ${label} caps task memory at ${td.model.taskMemory} MiB.`);
    }
    const uncapped = containers.filter((c) => c.memory === undefined);
    if (uncapped.length === 0) {
      return compliant(`ECS task definition ${label} sets a hard memory limit on ${allOf(containers.length, 'container')}.`);
    }
    const softOnly = uncapped.every((c) => c.memoryReservation !== undefined) ? ' (memoryReservation only, a soft limit)' : '';
    return nonCompliant(
      `ECS task definition ${label} has no task memory and containers without a hard memory limit${softOnly}: ${containerNames(uncapped)}.`,
    );
  },
});
