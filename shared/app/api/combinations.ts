/** The filter combinations GET /findings serves, for its 400 answers and the OpenAPI document. */
export function supportedCombinations(tagKeys: readonly string[]): string[] {
  const tags = tagKeys.length ? `tag (keys: ${tagKeys.join(', ')})` : 'tag (no tag keys are configured for this stage)';
  return [
    'since, alone: every finding changed after a time, newest first (the change feed)',
    '[status] [suppressed] [severity]: status NON_COMPLIANT (default) or ERROR',
    '[status] [suppressed] [severity] + ruleId: any status',
    '[status] [suppressed] [severity] + resourceType: any status',
    '[status] [suppressed] [severity] + accountId: status NON_COMPLIANT or ERROR',
    '[status] [suppressed] [severity] + region: status NON_COMPLIANT or ERROR',
    `[status] [suppressed] [severity] + ${tags}: status NON_COMPLIANT or ERROR`,
  ];
}

export function supportedCombinationsText(tagKeys: readonly string[]): string {
  return supportedCombinations(tagKeys).map((c) => `- ${c}`).join('\n');
}
