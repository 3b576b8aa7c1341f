import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ecs-service-min-tasks',
  title: 'ECS services run at least the minimum number of tasks',
  severity: 'medium',
  resourceTypes: ['AWS::ECS::Service'],
  category: RuleCategory.availability,
  checklist: '003 replicas, 004 HA',
  remediation: {
    text:
      'Run at least two tasks (spread across Availability Zones by the default placement) so one task failing, or a deployment ' +
      'replacing it, does not take the service down; with Service Auto Scaling, set the minimum capacity to the same floor.',
    cli: 'aws ecs update-service --cluster <cluster> --service <service> --desired-count 2',
    cloudformation: 'DesiredCount: 2',
  },
  params: {
    minTasks: param.int(2, 'Minimum desired task count for a replica service.', { min: 1 }),
  },
  equivalents: {},
  evaluate(service, { params }) {
    const name = service.resourceName ?? service.model.serviceName;
    if (service.model.schedulingStrategy === 'DAEMON') {
      return notApplicable(`ECS service ${name} uses the DAEMON strategy (one task per container instance).`);
    }
    const desired = service.model.desiredCount;
    // A REPLICA service always has a desired count: without it, nothing is known.
    if (desired === undefined) return notApplicable(`ECS service ${name}: desired count not recorded.`);
    if (desired !== undefined && desired >= params.minTasks) {
      return compliant(`ECS service ${name} runs ${desired} task${desired === 1 ? '' : 's'} (minimum ${params.minTasks}).`);
    }
    return nonCompliant(
      desired === undefined
        ? `ECS service ${name} records no desired count (minimum ${params.minTasks}).`
        : `ECS service ${name} runs ${desired} task${desired === 1 ? '' : 's'}, fewer than the minimum of ${params.minTasks}.`,
    );
  },
});
