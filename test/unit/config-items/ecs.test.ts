import { describe, expect, it } from 'vitest';
import type { EcsCluster, EcsService, EcsTaskDefinition } from '../../../shared/config-items/models/ecs.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';

function model<T>(resourceType: string, resourceId: string, envelope: Record<string, unknown>): T {
  return normalizeConfigurationItem({ resourceType, resourceId, awsRegion: 'eu-west-1', ...envelope }).model as T;
}

// Config records ECS types from their CloudFormation schemas (PascalCase); collectors calling the
// ECS API produce camelCase. The same definition in both casings must give the same model.
const pascalTask = {
  Family: 'orders-api',
  Revision: 14,
  Status: 'ACTIVE',
  Memory: '2048',
  RequiresCompatibilities: ['FARGATE'],
  TaskDefinitionArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/orders-api:14`,
  ContainerDefinitions: [
    {
      Name: 'orders-api',
      Image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.18`,
      Essential: true,
      Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
      Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders/prod/db-AbCdEf` }],
      LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/orders-api' } },
      HealthCheck: { Command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'] },
    },
    { Name: 'xray', Essential: false, Privileged: true, MemoryReservation: 128 },
  ],
};
const camelTask = {
  family: 'orders-api',
  revision: 14,
  status: 'ACTIVE',
  memory: '2048',
  requiresCompatibilities: ['FARGATE'],
  taskDefinitionArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/orders-api:14`,
  containerDefinitions: [
    {
      name: 'orders-api',
      image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.18`,
      essential: true,
      environment: [{ name: 'LOG_LEVEL', value: 'info' }],
      secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders/prod/db-AbCdEf` }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/orders-api' } },
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'] },
    },
    { name: 'xray', essential: false, privileged: true, memoryReservation: 128 },
  ],
};

describe('AWS::ECS::TaskDefinition model', () => {
  it.each([
    ['CloudFormation casing, notification form', { awsAccountId: ACCOUNT, configuration: pascalTask }],
    ['CloudFormation casing, API form', { accountId: ACCOUNT, configuration: JSON.stringify(pascalTask) }],
    ['ECS API casing', { awsAccountId: ACCOUNT, configuration: camelTask }],
  ])('reads task and container settings (%s)', (_form, envelope) => {
    // Act
    const td = model<EcsTaskDefinition>('AWS::ECS::TaskDefinition', 'orders-api', envelope);

    // Assess
    expect(td).toMatchObject({ family: 'orders-api', revision: 14, status: 'ACTIVE', taskMemory: '2048', requiresCompatibilities: ['FARGATE'] });
    expect(td.containers).toEqual([
      {
        name: 'orders-api',
        image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.18`,
        essential: true,
        privileged: false,
        memory: undefined,
        memoryReservation: undefined,
        environment: [{ name: 'LOG_LEVEL', value: 'info' }],
        secretNames: ['DB_PASSWORD'],
        logDriver: 'awslogs',
        healthCheckCommand: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
      },
      {
        name: 'xray',
        image: undefined,
        essential: false,
        privileged: true,
        memory: undefined,
        memoryReservation: 128,
        environment: [],
        secretNames: [],
        logDriver: undefined,
        healthCheckCommand: [],
      },
    ]);
  });

  it('treats a container without Essential as essential (the ECS default)', () => {
    // Act
    const td = model<EcsTaskDefinition>('AWS::ECS::TaskDefinition', 'batch', {
      awsAccountId: ACCOUNT,
      configuration: { Family: 'batch', ContainerDefinitions: [{ Name: 'job', Memory: 512 }] },
    });

    // Assess
    expect(td.containers[0]).toMatchObject({ essential: true, memory: 512 });
    expect(td.taskMemory).toBeUndefined();
  });
});

describe('AWS::ECS::Service model', () => {
  it('reads deployment safety settings and defaults the controller and strategy', () => {
    // Prepare
    const arn = `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/prod/checkout`;
    const configuration = {
      ServiceArn: arn,
      ServiceName: 'checkout',
      Cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`,
      DesiredCount: 3,
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: false },
        Alarms: { AlarmNames: ['checkout-5xx'], Enable: true, Rollback: true },
      },
    };

    // Act
    const service = model<EcsService>('AWS::ECS::Service', arn, { accountId: ACCOUNT, configuration: JSON.stringify(configuration) });

    // Assess
    expect(service).toEqual({
      serviceName: 'checkout',
      serviceArn: arn,
      cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`,
      desiredCount: 3,
      schedulingStrategy: 'REPLICA',
      deploymentConfigurationRecorded: true,
      deploymentController: 'ECS',
      circuitBreaker: { enable: true, rollback: false },
      deploymentAlarms: { enable: true, rollback: true, alarmNames: ['checkout-5xx'] },
    });
  });
});

describe('AWS::ECS::Cluster model', () => {
  it.each([
    ['ClusterSettings (CloudFormation)', { ClusterName: 'prod', ClusterSettings: [{ Name: 'containerInsights', Value: 'Enhanced' }] }],
    ['settings (ECS API)', { clusterName: 'prod', settings: [{ name: 'containerInsights', value: 'enhanced' }] }],
  ])('reads the containerInsights setting from %s', (_shape, configuration) => {
    // Act
    const cluster = model<EcsCluster>('AWS::ECS::Cluster', 'prod', { awsAccountId: ACCOUNT, configuration });

    // Assess
    expect(cluster).toMatchObject({ clusterName: 'prod', containerInsights: 'enhanced' });
  });
});
