import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ecs-cluster-container-insights',
  title: 'ECS clusters have Container Insights enabled',
  severity: 'medium',
  resourceTypes: ['AWS::ECS::Cluster'],
  category: RuleCategory.monitoring,
  checklist: '000 monitoring',
  remediation: {
    text:
      'Turn on Container Insights (enabled, or enhanced for per-container metrics) so the cluster reports CPU, memory, network ' +
      'and task counts per service and task to CloudWatch.',
    cli: 'aws ecs update-cluster-settings --cluster <cluster> --settings name=containerInsights,value=enabled',
    cloudformation: 'ClusterSettings:\n  - Name: containerInsights\n    Value: enabled',
  },
  params: {},
  equivalents: { fsbp: ['ECS.12'] },
  evaluate(cluster) {
    const name = cluster.resourceName ?? cluster.resourceId;
    const setting = cluster.model.containerInsights;
    return setting === 'enabled' || setting === 'enhanced'
      ? compliant(`ECS cluster ${name} has Container Insights ${setting}.`)
      : nonCompliant(`ECS cluster ${name} has Container Insights ${setting ?? 'not set (disabled)'}.`);
  },
});
