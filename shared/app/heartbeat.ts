import type { HeartbeatKind, HeartbeatRecorder } from './ports.ts';

/**
 * Records a heartbeat without failing the work it reports on: the sweep's messages are sent, the
 * alerts are out, and a retry of the invocation for the heartbeat's sake would redo all of it. A
 * write that fails comes back as its message for the handler to log; GET /health then shows the
 * previous time (stale, never too recent).
 *
 * @example
 * const heartbeatError = await recordHeartbeat(deps.heartbeats, HeartbeatKind.sweep, now());
 */
export async function recordHeartbeat(recorder: HeartbeatRecorder | undefined, kind: HeartbeatKind, at: Date): Promise<string | undefined> {
  if (!recorder) return undefined;
  try {
    await recorder.record(kind, at);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
