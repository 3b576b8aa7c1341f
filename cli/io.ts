/** Where a command writes; injectable so the CLI is testable in-process. */
export interface CliIo {
  /** Text, or UTF-8 bytes (a scan's report is written as 64 KB chunks of bytes, never splitting a character). */
  readonly stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean | undefined };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
