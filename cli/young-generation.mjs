// Whether `vigil scan` starts again with a smaller young generation, and with which arguments.
// Plain JavaScript: cli/vigil.mjs runs it before anything is loaded.
//
// Why: a scan allocates many times its input in objects that die young (each item's parse tree,
// the configuration strings parsed again, the evaluations' texts). V8 lets the young generation
// grow to 64 MB a semi-space; held at 16 MB, a large scan's peak memory is 30–50% lower on
// small items (less on large ones) for the same time (docs/benchmarks.md, "Young generation"):
// the space that fills and empties stays small, and the heap grows less. V8 reads the
// size only as it starts, so the process starts again with it: process.execve replaces the
// program in place, so the process id, standard input and output, signals and the exit code are
// those of the command the user ran. Small inputs start as they are: a second start (about
// 30 ms) would cost more than it saves.

import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=16';

/** Inputs at least this large (bytes read, an estimate for gzip) start again; VIGIL_RESTART_ABOVE_BYTES overrides it. */
export const RESTART_ABOVE_BYTES = 64 * 1024 * 1024;

/** A gzipped snapshot holds about this many times its size in JSON (the bench's snapshots: 9–12×). */
const GZIP_RATIO = 8;

/**
 * The arguments to start Node with again, or undefined to go on as this process is.
 *
 * @param {object} run
 * @param {readonly string[]} run.args the command's arguments (process.argv after the script)
 * @param {string} run.script the script's path (process.argv[1])
 * @param {readonly string[]} run.execArgv Node's own flags this process started with
 * @param {NodeJS.ProcessEnv} run.env
 * @param {string} run.cwd
 * @param {boolean} run.canExec whether process.execve exists here (not on Windows)
 * @returns {string[] | undefined}
 */
export function restartArgs({ args, script, execArgv, env, cwd, canExec }) {
  if (!canExec || args[0] !== 'scan') return undefined;
  // Never twice, and never against a size the user chose.
  if ([...execArgv, env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('semi-space-size'))) return undefined;
  const snapshot = snapshotArg(args);
  if (snapshot === undefined) return undefined;
  const limit = Number(env.VIGIL_RESTART_ABOVE_BYTES ?? RESTART_ABOVE_BYTES);
  const size = inputSize(snapshot, cwd);
  if (size === undefined || !(size >= limit)) return undefined;
  return [YOUNG_GENERATION_FLAG, ...execArgv, script, ...args];
}

/** `--snapshot <v>` or `--snapshot=<v>` (the last one wins, as node:util parseArgs reads it). */
function snapshotArg(args) {
  let value;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === '--snapshot') value = args[++i];
    else if (arg.startsWith('--snapshot=')) value = arg.slice('--snapshot='.length);
  }
  return value;
}

/**
 * How many bytes of JSON the scan will read: a file's size (times GZIP_RATIO when gzipped), or
 * standard input's when it is a file; undefined when unknown (a pipe) or unreadable (the scan
 * itself then says what is wrong).
 */
function inputSize(snapshot, cwd) {
  try {
    if (snapshot === '-') {
      const info = fstatSync(0);
      return info.isFile() ? info.size : undefined;
    }
    const path = resolve(cwd, snapshot);
    const info = statSync(path);
    if (!info.isFile()) return undefined;
    return isGzip(path) ? info.size * GZIP_RATIO : info.size;
  } catch {
    return undefined;
  }
}

function isGzip(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
