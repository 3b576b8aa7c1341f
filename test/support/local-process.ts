/**
 * `vigil local` started as a user starts it: a child process, read through its stdout (the ready
 * line, the alerts) and stopped with the signal Ctrl-C sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ReadyLine } from '../../local/start.ts';

export const REPO = join(import.meta.dirname, '..', '..');

/** The bundled demo account (examples/demo-account.json), as a Config snapshot. */
export const demoSnapshot = JSON.parse(readFileSync(join(REPO, 'examples', 'demo-account.json'), 'utf8')) as { configurationItems: Record<string, unknown>[] };

/** The Config event of the demo's orders table without point-in-time recovery, at state `stateId`. */
export function ordersWithoutPitr(stateId: number): Record<string, unknown> {
  const item = structuredClone(demoSnapshot.configurationItems.find((i) => i['resourceId'] === 'orders') ?? {});
  item['supplementaryConfiguration'] = { ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } } };
  item['configurationStateId'] = stateId;
  item['configurationItemCaptureTime'] = new Date(stateId).toISOString();
  return { version: '0', id: crypto.randomUUID(), 'detail-type': 'Config Configuration Item Change', source: 'aws.config', account: '111122223333', region: 'eu-west-1', time: new Date(stateId).toISOString(), resources: [], detail: { messageType: 'ConfigurationItemChangeNotification', configurationItem: item } };
}

export type { ReadyLine } from '../../local/start.ts';

export interface LocalProcess {
  readonly child: ChildProcess;
  readonly ready: ReadyLine;
  /** Every stdout line so far, the ready line first. */
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the first stdout line (from `from` on) that matches. */
  waitForLine(match: (line: string) => boolean, from?: number): Promise<string>;
  /** Resolves with stderr once it matches. */
  waitForStderr(match: RegExp): Promise<string>;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/** Every process started here, so a failed test still stops its own (see stopAllVigilLocal). */
const started = new Set<ChildProcess>();

/** Ctrl-C to every `vigil local` this file started that still runs (afterAll / afterEach). */
export async function stopAllVigilLocal(): Promise<void> {
  await Promise.all(
    [...started].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGINT');
        }),
    ),
  );
  started.clear();
}

export async function startVigilLocal(args: readonly string[], options: { readonly env?: Record<string, string>; readonly cwd?: string } = {}): Promise<LocalProcess> {
  const env = options.env ?? {};
  const child = spawn(process.execPath, [join(REPO, 'cli', 'vigil.mjs'), 'local', '--port', '0', '--invoke-port', '0', ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, VIGIL_SLACK_WEBHOOK_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const lines: string[] = [];
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLine = (match: (line: string) => boolean, from = 0): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = lines.slice(from).find(match);
        if (found === undefined) return false;
        listeners.delete(listener);
        resolve(found);
        return true;
      };
      const listener = (): void => void check();
      if (check()) return;
      listeners.add(listener);
      void exited.then((code) => {
        if (!check()) reject(new Error(`vigil local exited (${code}) before the expected line; stderr:\n${stderr.slice(-3000)}`));
      });
    });

  const waitForStderr = (match: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!match.test(stderr)) return false;
        listeners.delete(listener);
        resolve(stderr);
        return true;
      };
      const listener = (): void => void check();
      if (check()) return;
      listeners.add(listener);
      void exited.then((code) => {
        if (!check()) reject(new Error(`vigil local exited (${code}) before stderr matched ${match}`));
      });
    });

  const first = await waitForLine(() => true);
  return {
    child,
    ready: JSON.parse(first) as ReadyLine,
    lines,
    stderr: () => stderr,
    waitForLine,
    waitForStderr,
    async interrupt() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** True while a process with this id exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
