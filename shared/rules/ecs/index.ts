import type { Rule } from '../rule.ts';
import ecsClusterContainerInsights from './ecs-cluster-container-insights.ts';
import ecsServiceDeploymentRollback from './ecs-service-deployment-rollback.ts';
import ecsServiceMinTasks from './ecs-service-min-tasks.ts';
import ecsTaskDefinitionHealthCheck from './ecs-task-definition-health-check.ts';
import ecsTaskDefinitionLogging from './ecs-task-definition-logging.ts';
import ecsTaskDefinitionMemoryLimit from './ecs-task-definition-memory-limit.ts';
import ecsTaskDefinitionNoPlaintextSecrets from './ecs-task-definition-no-plaintext-secrets.ts';
import ecsTaskDefinitionNotPrivileged from './ecs-task-definition-not-privileged.ts';

export const ecsRules: readonly Rule[] = [
  ecsTaskDefinitionNoPlaintextSecrets,
  ecsClusterContainerInsights,
  ecsTaskDefinitionLogging,
  ecsTaskDefinitionHealthCheck,
  ecsTaskDefinitionMemoryLimit,
  ecsTaskDefinitionNotPrivileged,
  ecsServiceDeploymentRollback,
  ecsServiceMinTasks,
];
