/**
 * Lambda runs one invocation at a time in an execution environment, and handler instances rely on
 * it: Powertools' BatchProcessor, for one, keeps the current batch in the instance. Local mode
 * runs invocations side by side in one process, so each concurrent invocation gets an instance of
 * its own, built by the same factory, as separate environments would.
 */
export interface EnvironmentPool<H> {
  /** Runs `work` with a free instance, building one when all are busy. */
  run<T>(work: (instance: H) => Promise<T>): Promise<T>;
}

export function createEnvironmentPool<H>(build: () => H): EnvironmentPool<H> {
  const idle: H[] = [];
  return {
    async run(work) {
      const instance = idle.pop() ?? build();
      try {
        return await work(instance);
      } finally {
        idle.push(instance);
      }
    },
  };
}
