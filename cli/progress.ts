import type { LiveReadEvent } from '../shared/app/read-live-account.ts';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** Terminal width, when a terminal. */
  readonly columns?: number | undefined;
}

export interface ProgressBar {
  /** Feed it readLiveAccount's events. */
  update(event: LiveReadEvent): void;
  /** Clears the bar and writes a last line (always, terminal or not). */
  finish(line: string): void;
}

export interface ProgressBarOptions {
  /** Milliseconds clock; injectable for tests. */
  readonly now?: () => number;
  /** At most one redraw per interval (ms), except when a step completes. Default 80. */
  readonly minIntervalMs?: number;
}

const CLEAR_LINE = '\r\x1b[2K';
const BAR_WIDTH = 24;

/**
 * A one-line progress bar on stderr for long reads (a live scan of a large account takes
 * minutes). On a terminal it redraws in place; otherwise (CI logs, a redirect) it stays silent
 * but for warnings and the final line, so logs hold no carriage-return noise. stdout, where the
 * report goes, is never touched.
 *
 * @example
 * const progress = createProgressBar(process.stderr);
 * const resources = await readLiveAccount({ ..., onEvent: progress.update });
 * progress.finish(`read ${resources.length} resources`);
 */
export function createProgressBar(stream: ProgressStream, options: ProgressBarOptions = {}): ProgressBar {
  const tty = stream.isTTY === true;
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 80;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let current: string | undefined;

  const draw = (line: string): void => {
    current = line;
    lastDraw = now();
    stream.write(`${CLEAR_LINE}${fit(line, stream.columns)}`);
  };

  return {
    update(event) {
      if (event.kind === 'warning') {
        const line = `vigil: warning: ${event.region}: ${event.message}\n`;
        if (!tty) {
          stream.write(line);
          return;
        }
        stream.write(`${CLEAR_LINE}${line}`);
        if (current !== undefined) draw(current);
        return;
      }
      if (!tty) return;
      const complete = event.total > 0 && event.done >= event.total;
      if (!complete && now() - lastDraw < minIntervalMs) return;
      draw(renderProgress(event));
    },
    finish(line) {
      stream.write(`${tty && current !== undefined ? CLEAR_LINE : ''}${line}\n`);
      current = undefined;
    },
  };
}

/** `[eu-west-1] reading configuration items [██████░░░░░░] 340/1200` */
export function renderProgress(event: Extract<LiveReadEvent, { kind: 'progress' }>): string {
  const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `[${event.region}] ${event.label} [${bar}] ${event.done}/${event.total}`;
}

function fit(line: string, columns: number | undefined): string {
  if (!columns || line.length < columns) return line;
  return `${line.slice(0, Math.max(0, columns - 2))}…`;
}
