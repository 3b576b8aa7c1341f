import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { allOf, containerNames, inactiveVerdict, taskDefinitionLabel } from './_task-definition.ts';

export default defineRule({
  id: 'ecs-task-definition-health-check',
  title: 'ECS task definitions define a health check for every essential container',
  severity: 'medium',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  category: RuleCategory.availability,
  checklist: '003 health checks, liveness',
  remediation: {
    text:
      'Add a healthCheck to each essential container so ECS replaces tasks whose process is alive but not serving ' +
      '(a load balancer health check covers only tasks behind it, and only the container it targets).',
    cloudformation:
      'HealthCheck:\n  Command: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]\n  Interval: 30\n  Timeout: 5\n  Retries: 3\n  StartPeriod: 60',
  },
  params: {},
  equivalents: {},
  evaluate(td) {
    const inactive = inactiveVerdict(td);
    if (inactive) return inactive;
    const label = taskDefinitionLabel(td);
    const essential = td.model.containers.filter((c) => c.essential);
    if (essential.length === 0) return notApplicable(`ECS task definition ${label} records no essential container.`);
    // ["NONE"] is Docker's way to switch off a health check inherited from the image.
    const unchecked = essential.filter((c) => c.healthCheckCommand.length === 0 || c.healthCheckCommand[0] === 'NONE');
    if (unchecked.length === 0) {
      return compliant(`ECS task definition ${label} defines a health check for ${allOf(essential.length, 'essential container')}.`);
    }
    return nonCompliant(`ECS task definition ${label} has essential containers without a health check: ${containerNames(unchecked)}.`);
  },
});
