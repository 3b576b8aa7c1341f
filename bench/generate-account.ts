import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A generated account of `count` configuration items of realistic size and mix, cloned from the
 * demo account's items (every resource type Vigil covers, good and bad configurations, both CI
 * forms) with new ids, ARNs and names. Deterministic: the same count gives the same file.
 */
const DEMO = join(import.meta.dirname, '..', 'examples', 'demo-account.json');

/** Share of each resource type in a typical production account (roughly: Config inventories). */
const MIX: Readonly<Record<string, number>> = {
  'AWS::EC2::SecurityGroup': 14,
  'AWS::EC2::Volume': 11,
  'AWS::EC2::Instance': 9,
  'AWS::Lambda::Function': 12,
  'AWS::IAM::Policy': 6,
  'AWS::IAM::User': 2,
  'AWS::S3::Bucket': 8,
  'AWS::DynamoDB::Table': 5,
  'AWS::CloudWatch::Alarm': 10,
  'AWS::SQS::Queue': 4,
  'AWS::SNS::Topic': 2,
  'AWS::Logs::LogGroup': 6,
  'AWS::RDS::DBInstance': 2,
  'AWS::KMS::Key': 2,
  'AWS::SecretsManager::Secret': 2,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 1,
  'AWS::ElasticLoadBalancingV2::Listener': 2,
  'AWS::ACM::Certificate': 1,
};

/** A small seeded PRNG: the same seed gives the same account, run after run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateItems(count: number): unknown[] {
  const items: unknown[] = [];
  for (const text of itemTexts(count)) items.push(JSON.parse(text));
  return items;
}

/** The generated items as JSON texts, one at a time (a million of them need not fit in memory). */
export function* itemTexts(count: number): Generator<string> {
  const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as { configurationItems: Record<string, unknown>[] };
  const byType = new Map<string, Record<string, unknown>[]>();
  for (const item of demo.configurationItems) {
    const type = String(item['resourceType']);
    byType.set(type, [...(byType.get(type) ?? []), item]);
  }
  const weighted: string[] = [];
  for (const [type, weight] of Object.entries(MIX)) if (byType.has(type)) for (let i = 0; i < weight; i++) weighted.push(type);
  const others = [...byType.keys()].filter((t) => !(t in MIX));
  const random = mulberry32(20261123);
  const templates = new Map<Record<string, unknown>, string>();
  for (let i = 0; i < count; i++) {
    // 97% follow the mix; 3% are the rarer types (CloudFront, WAF, Backup, ECR, ...).
    const type = random() < 0.97 || others.length === 0 ? weighted[Math.floor(random() * weighted.length)] : others[Math.floor(random() * others.length)];
    const candidates = byType.get(type ?? '') ?? [];
    const template = candidates[Math.floor(random() * candidates.length)];
    if (!template) continue;
    let text = templates.get(template);
    if (text === undefined) templates.set(template, (text = JSON.stringify(template)));
    const id = String(template['resourceId']);
    const name = template['resourceName'] === undefined ? undefined : String(template['resourceName']);
    const suffix = `-g${i.toString(36)}`;
    let clone = text.split(id).join(`${id}${suffix}`);
    if (name && name !== id && name.length > 3) clone = clone.split(name).join(`${name}${suffix}`);
    yield clone;
  }
}

/**
 * Writes a snapshot file item by item (`{"fileVersion":"1.0","configurationItems":[…]}`), in
 * chunks of about 4 MB, so a file of any size can be generated.
 */
export function writeSnapshotFile(file: string, texts: Iterable<string>): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(`${file}.tmp`, 'w');
  try {
    let chunk = '{"fileVersion":"1.0","configurationItems":[';
    let first = true;
    for (const text of texts) {
      chunk += first ? text : `,${text}`;
      first = false;
      if (chunk.length > 4_000_000) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}]}`);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.tmp`, file);
}

/** Writes (once) and returns the path of a generated snapshot of `count` items. */
export function generatedSnapshot(count: number): { file: string; bytes: number } {
  const file = join(import.meta.dirname, '.data', `account-${count}.json`);
  const demoTime = statSync(DEMO).mtimeMs;
  if (!existsSync(file) || statSync(file).mtimeMs < demoTime) writeSnapshotFile(file, itemTexts(count));
  return { file, bytes: statSync(file).size };
}
