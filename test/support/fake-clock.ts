/** A clock whose sleep advances time instantly: simulated hours of Slack outage take no real time. */
export interface FakeClock {
  now(): number;
  date(): Date;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

export function createFakeClock(start = Date.parse('2026-12-01T09:00:00.000Z')): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    date: () => new Date(t),
    async sleep(ms) {
      sleeps.push(ms);
      t += ms;
    },
    advance(ms) {
      t += ms;
    },
    sleeps,
  };
}
