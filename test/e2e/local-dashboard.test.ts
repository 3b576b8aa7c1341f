/**
 * The dashboard in a real headless Chromium (from npm: @sparticuz/chromium, driven by
 * puppeteer-core), against `vigil local` started as a process: what a user sees and does.
 * A screenshot is saved to test-artifacts/ (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersWithoutPitr, REPO, startVigilLocal, stopAllVigilLocal, type LocalProcess } from '../support/local-process.ts';

const ARTIFACTS = join(REPO, 'test-artifacts');
// The page's globals as these callbacks (run in the browser) read them: the project compiles
// without the DOM library.
declare const document: {
  readonly activeElement: { readonly id: string; readonly textContent: string | null } | null;
  querySelector(selector: string): { readonly textContent: string | null } | null;
};

describe('dashboard (headless Chromium)', () => {
  let local: LocalProcess;
  let browser: Browser;
  let page: Page;
  let cwd: string;
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  const rows = (): Promise<{ severity: string; resource: string; rule: string; status: string }[]> =>
    page.$$eval('#findings-table tbody tr', (trs) =>
      trs
        .filter((tr) => tr.querySelector('button'))
        .map((tr) => {
          const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
          return { severity: cells[0] ?? '', resource: cells[1] ?? '', rule: cells[2] ?? '', status: cells[3] ?? '' };
        }),
    );
  const applyFilters = async (): Promise<void> => {
    await page.click('#filters button[type="submit"]');
    // The table re-renders from the API's answer (the caption is rewritten with it).
    await page.waitForNetworkIdle({ idleTime: 300 });
  };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'vigil-dashboard-'));
    local = await startVigilLocal(['--no-story'], { cwd });
    browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(local.ready.api) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
    await page.goto(local.ready.dashboard, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#findings-table tbody tr button');
  });
  afterAll(async () => {
    await stopAllVigilLocal();
    await browser?.close();
    if (local && local.child.exitCode === null) await local.interrupt();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('loads with no console errors, nothing fetched from elsewhere, and the summary filled in', async () => {
    // Act
    const total = await page.$eval('#open-total', (e) => e.textContent);
    const chartBars = await page.$$eval('#severity-chart rect', (bars) => bars.length);
    const categories = await page.$$eval('#category-table tbody tr', (trs) => trs.length);
    // Assess
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(Number(total)).toBeGreaterThan(0);
    expect(chartBars).toBe(5);
    expect(categories).toBeGreaterThan(1);
  });

  it('labels every form control, and starts the tab order at the skip link', async () => {
    // Act
    const unlabelled = await page.$$eval('input, select, textarea', (controls) =>
      controls.filter((c) => (c as unknown as { labels: { length: number } | null }).labels?.length === 0).map((c) => c.id),
    );
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    // Assess
    expect(unlabelled).toEqual([]);
    expect(first).toBe('Skip to the findings');
  });

  it('changes the table when a filter changes', async () => {
    // Prepare
    const all = await rows();
    // Act
    await page.select('#f-severity', 'critical');
    await applyFilters();
    const critical = await rows();
    // Assess
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(all.length);
    expect(critical.every((r) => r.severity === 'critical')).toBe(true);
  });

  it('pages through the findings with the API cursors, forward and back', async () => {
    // Prepare
    await page.select('#f-severity', '');
    await page.select('#f-limit', '10');
    await applyFilters();
    const first = await rows();
    // Act
    await page.click('#next-page');
    await page.waitForNetworkIdle({ idleTime: 300 });
    const second = await rows();
    const label = await page.$eval('#page-label', (e) => e.textContent);
    await page.click('#prev-page');
    await page.waitForNetworkIdle({ idleTime: 300 });
    const back = await rows();
    // Assess
    expect(first).toHaveLength(10);
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((r) => first.some((f) => f.resource === r.resource && f.rule === r.rule))).toBe(false);
    expect(label).toBe('Page 2');
    expect(back).toEqual(first);
    // Back to the filter the next test starts from.
    await page.select('#f-limit', '25');
    await page.select('#f-severity', 'critical');
    await applyFilters();
  });

  it("shows a finding's reason, remediation and history, and a suppression makes it show as suppressed", async () => {
    // Prepare: the first critical finding.
    const [target] = await rows();
    // Act: open it with the keyboard.
    await page.focus('#findings-table tbody tr button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail:not([hidden])');
    const focused = await page.evaluate(() => document.activeElement?.id);
    const reason = await page.$eval('#detail-reason', (e) => e.textContent);
    const remediation = await page.$eval('#detail-remediation', (e) => e.textContent);
    const history = await page.$$eval('#detail-history li', (lis) => lis.map((li) => li.textContent ?? ''));
    // Act: suppress it.
    await page.type('#s-reason', 'Accepted until the migration to private subnets lands (ticket OPS-42).');
    await page.click('#suppress-form button[type="submit"]');
    await page.waitForFunction(() => /Suppressed until/.test(document.querySelector('#suppress-status')?.textContent ?? ''), { timeout: 15_000 });
    const suppressions = (await (await fetch(`${local.ready.api}/suppressions`)).json()) as { items: { ruleId: string; reason: string; createdBy: string }[] };
    await page.keyboard.press('Escape');
    await page.click('#f-suppressed');
    await applyFilters();
    const suppressedRows = await rows();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    // Assess
    expect(focused).toBe('detail-heading');
    expect(reason?.length).toBeGreaterThan(10);
    expect(remediation?.length).toBeGreaterThan(10);
    expect(history.some((h) => /→ NON_COMPLIANT/.test(h))).toBe(true);
    expect(suppressions.items).toHaveLength(1);
    expect(suppressions.items[0]).toMatchObject({ reason: 'Accepted until the migration to private subnets lands (ticket OPS-42).', createdBy: 'local' });
    expect(suppressedRows.map((r) => [r.resource, r.rule])).toContainEqual([target?.resource, target?.rule]);
    expect(suppressedRows.every((r) => r.status.includes('Suppressed'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('refreshes by itself when a change comes in, without a reload', async () => {
    // Prepare
    await page.click('#filters button[type="reset"]');
    await page.waitForNetworkIdle({ idleTime: 300 });
    const before = Number(await page.$eval('#open-total', (e) => e.textContent));
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    // Act: the orders table loses point-in-time recovery, fed through the Invoke API.
    const lambda = new LambdaClient({ endpoint: local.ready.invoke, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: new TextEncoder().encode(JSON.stringify(ordersWithoutPitr(Date.now()))) }));
    lambda.destroy();
    await page.waitForFunction((n) => Number(document.querySelector('#open-total')?.textContent) > n, { timeout: 20_000 }, before);
    const status = await page.$eval('#live-status', (e) => e.textContent);
    // Assess
    expect(status).toMatch(/^Updated /);
    expect(navigations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
