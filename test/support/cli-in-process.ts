/**
 * `vigil …` in-process, as the binary runs it (cli/main.ts with captured streams): for tests that
 * need no child process. stdout and stderr are not terminals, as in CI.
 */
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

export async function vigilInProcess(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Readonly<Record<string, string | undefined>> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string | Uint8Array) => (stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    stdin: (async function* () {})(),
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
