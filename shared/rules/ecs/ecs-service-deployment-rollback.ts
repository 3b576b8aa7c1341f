import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ecs-service-deployment-rollback',
  title: 'ECS services roll back failed deployments automatically',
  severity: 'medium',
  resourceTypes: ['AWS::ECS::Service'],
  category: RuleCategory.availability,
  checklist: '003 rollback, zero-downtime',
  remediation: {
    text:
      'Enable the deployment circuit breaker with rollback (or CloudWatch-alarm deployment failure detection with rollback), so a ' +
      'deployment whose tasks keep failing returns to the last working revision instead of leaving the service degraded.',
    cli: 'aws ecs update-service --cluster <cluster> --service <service> --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}"',
    cloudformation: 'DeploymentConfiguration:\n  DeploymentCircuitBreaker:\n    Enable: true\n    Rollback: true',
  },
  params: {},
  equivalents: {},
  evaluate(service) {
    const name = service.resourceName ?? service.model.serviceName;
    const { deploymentController, circuitBreaker, deploymentAlarms } = service.model;
    // Blue/green (CodeDeploy) and external controllers roll back outside the ECS service configuration.
    if (deploymentController !== 'ECS') {
      return notApplicable(`ECS service ${name} is deployed by the ${deploymentController} controller, which handles rollback itself.`);
    }
    // Within a recorded DeploymentConfiguration, no circuit breaker or alarms block means none is set;
    // without the block, the item says nothing.
    if (!service.model.deploymentConfigurationRecorded) {
      return notApplicable(`ECS service ${name}: deployment configuration not recorded.`);
    }
    if (circuitBreaker?.enable && circuitBreaker.rollback) {
      return compliant(`ECS service ${name} has the deployment circuit breaker with rollback enabled.`);
    }
    if (deploymentAlarms?.enable && deploymentAlarms.rollback && deploymentAlarms.alarmNames.length > 0) {
      return compliant(`ECS service ${name} rolls back deployments on ${deploymentAlarms.alarmNames.length} CloudWatch alarm(s).`);
    }
    const state = !circuitBreaker?.enable
      ? 'the deployment circuit breaker is off'
      : 'the deployment circuit breaker detects failures but does not roll back';
    return nonCompliant(`ECS service ${name} does not roll back failed deployments: ${state}.`);
  },
});
