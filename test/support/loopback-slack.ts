/**
 * A scripted Slack incoming webhook on loopback: each POST is recorded (body parsed) and answered
 * by the script, so tests choose 200 "ok", 429 with Retry-After, 5xx or 404 "no_service".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackReply {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SlackPost {
  readonly path: string;
  readonly contentType: string | undefined;
  /** The JSON payload as sent. */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** What the script answered. */
  readonly status: number;
}

export interface LoopbackSlack {
  /** The webhook URL (a path like Slack's /services/T…/B…/…). */
  readonly url: string;
  readonly posts: SlackPost[];
  /** Posts that were answered 2xx: what reached the channel. */
  delivered(): SlackPost[];
  /** Replaces the script. */
  script(reply: (n: number, body: unknown) => SlackReply): void;
  close(): Promise<void>;
}

export const ok: SlackReply = { status: 200, body: 'ok' };

export async function startLoopbackSlack(reply: (n: number, body: unknown) => SlackReply = () => ok): Promise<LoopbackSlack> {
  let script = reply;
  const posts: SlackPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const answer = script(posts.length + 1, body);
      posts.push({ path: req.url ?? '/', contentType: req.headers['content-type'], body, status: answer.status });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T0VIGIL/B0ALERTS/loopbacksecret`,
    posts,
    delivered: () => posts.filter((p) => p.status >= 200 && p.status < 300),
    script(next) {
      script = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
