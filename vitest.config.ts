import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    // Powertools warns on every invocation that publishes no application metric (tests drive
    // handlers whose runs have nothing to count); that is expected here, not a finding.
    onConsoleLog: (log) => !log.includes('No application metrics to publish'),
  },
});
