/**
 * The web console in a real browser (Chromium, found by test/support/find-chromium.ts,
 * driven by playwright-core) against a real `ari serve`, with local fake WhatsApp
 * and model servers: live inbox, take over and reply, settings that change the next
 * reply, the playbook editor (a refused save shows its paths; a saved question is the
 * next one Try it asks), usage charts, workspace scoping, two languages. Any error the page logs
 * fails the test. Every screen is rendered at desktop and phone size; with
 * UPDATE_SCREENSHOTS=1 the screenshots are written to docs/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, NO_BROWSER } from './support/find-chromium.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { kapsoEvent, KAPSO_SECRET, PHONE_ID, postKapso } from './support/webhook-payloads.js';

const ADMIN = 'console-admin-token';
const SCREENSHOTS = path.resolve('docs/screenshots');
// The tracked screenshots change only when asked for.
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// Browser globals inside page.evaluate callbacks.
declare const window: Record<string, unknown>;
declare const localStorage: { clear(): void };

describe('the web console in a browser', () => {
  let whatsapp: FakeWhatsApp;
  let grok: FakeLlm;
  let ari: RunningAri;
  let browser: Browser;
  let page: Page;
  let eagleKey: string;
  let env: NodeJS.ProcessEnv;
  const pageErrors: string[] = [];
  let noBrowser: Error | undefined;

  beforeAll(async () => {
    // First, so a machine without a browser learns it at once, in one line: every test then
    // fails with it (beforeEach below) rather than being reported as skipped.
    const found = await findChromium().catch((error: Error) => {
      noBrowser = error;
      return null;
    });
    if (!found) return;
    whatsapp = await startFakeWhatsApp();
    grok = await startFakeLlm({
      content: 'Siap kak Budi, mau kuliah jenjang apa?',
      usage: { prompt_tokens: 1200, completion_tokens: 60, total_tokens: 1260 },
    });
    env = ariEnv({
      ARI_DATA_DIR: freshDataDir(),
      ARI_DEMO: '0',
      ARI_ADMIN_TOKEN: ADMIN,
      ARI_DEBOUNCE_MS: '200',
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-test-key',
      KAPSO_API_BASE_URL: whatsapp.baseUrl,
      GROK_API_KEY: 'xai-test',
      GROK_BASE_URL: grok.baseUrl,
    });
    for (const [name, slug, phoneId] of [
      ['Eagle Overseas', 'eagle', PHONE_ID],
      ['Other Agency', 'other', '5550009998887'],
      ['Playbook Lab', 'lab', '5550007776665'],
    ]) {
      const created = await runAriInProcess(
        ['workspace', 'create', '--name', name!, '--slug', slug!, '--kapso-phone-id', phoneId!],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
    }
    eagleKey = JSON.parse(
      (await runAriInProcess(['token', 'create', '--workspace', 'eagle', '--role', 'owner', '--json'], env)).stdout,
    ).key;
    ari = await startAri(env);
    browser = await chromium
      .launch({ executablePath: found.executablePath, args: found.args, headless: true })
      .catch((error: Error) => {
        throw new Error(
          `${found.source} Chromium at ${found.executablePath} did not start (${error.message.split('\n')[0]}); ${NO_BROWSER}`,
        );
      });
    page = await browser.newPage({ viewport: DESKTOP });
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on(
      'console',
      (message) => message.type() === 'error' && pageErrors.push(`${message.text()} ${message.location().url}`),
    );
    if (UPDATE_SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  beforeEach(() => {
    if (noBrowser) throw noBrowser;
  });
  afterEach(() => {
    // Each test answers for the errors its own steps caused.
    expect(pageErrors.splice(0), 'errors in the browser').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await ari?.stop();
    await Promise.all([whatsapp?.close(), grok?.close()]);
  });

  const signIn = async (token: string) => {
    // Forget the last sign-in on a page of the same origin that runs no console code, so the
    // console never starts (and sends requests) with the previous, perhaps revoked, token.
    await page.goto(`${ari.url}/healthz`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(ari.url);
    await page.fill('input[name=token]', token);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.topbar');
  };
  const api = async (pathAndQuery: string, token = ADMIN) =>
    (
      await fetch(`${ari.url}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } })
    ).json() as Promise<Record<string, any>>;
  /** Renders the screen at desktop and phone size; writes the files only with UPDATE_SCREENSHOTS=1. */
  const shoot = async (name: string) => {
    const file = (size: string) => (UPDATE_SCREENSHOTS ? path.join(SCREENSHOTS, `${name}-${size}.png`) : undefined);
    await page.screenshot({ path: file('desktop') });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300); // lets the layout settle for the picture
    await page.screenshot({ path: file('phone') });
    await page.setViewportSize(DESKTOP);
  };

  it('shows a WhatsApp message in the open inbox as it arrives, without a reload', async () => {
    await page.goto(ari.url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(ari.url);
    await shoot('sign-in');
    await signIn(ADMIN);
    await page.goto(`${ari.url}/#/eagle/inbox`);
    await page.waitForSelector('.conversation-list');
    await page.evaluate(() => (window.stillHere = true));

    const response = await postKapso(
      ari.url,
      kapsoEvent({
        id: 'wamid.console-1',
        from: '+6281277770001',
        name: 'Budi Santoso',
        text: 'Halo, mau kuliah di Australia',
      }),
    );
    expect(response.status).toBe(200);
    await page.getByText('Budi Santoso').first().waitFor({ timeout: 10_000 });
    await page.click('text=Budi Santoso');
    await page.getByText('Halo, mau kuliah di Australia').waitFor();
    // The assistant's greeting arrives live in the open thread too.
    await page.locator('.message.outbound[data-role=assistant]').first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => window.stillHere)).toBe(true);
  });

  it('takes over, replies as a human, and the WhatsApp provider receives the text', async () => {
    await page.click('button:has-text("Take over")');
    await page.getByText('A human has this conversation').waitFor();
    await page.fill('.reply textarea', 'Halo Budi, saya Rina dari tim Eagle. Boleh kita telepon sore ini?');
    await page.click('.reply button[type=submit]');
    const sent = await eventually(
      () => whatsapp.sends().find((r) => JSON.stringify(r.body).includes('saya Rina dari tim Eagle')),
      10_000,
      "the human's reply at the fake WhatsApp API",
    );
    expect(JSON.stringify(sent.body)).toContain('6281277770001');
    await page.locator('.message[data-role=human] .status[data-status=sent]').waitFor({ timeout: 10_000 });
    await page.click('.conversations a');
    await shoot('inbox');
    await page.click('button:has-text("Hand back to the assistant")');
    await page.getByText('The assistant is answering.').waitFor();
  });

  it('a settings change alters the next reply in Try it, and the usage chart shows the cost of the calls just made', async () => {
    await page.goto(`${ari.url}/#/eagle/settings`);
    const greeting = page.locator('textarea[name=greetingTemplate]');
    await greeting.fill('Halo {nama}, selamat datang di {workspace} versi uji!');
    await expect
      .poll(() => page.getByTestId('greeting-preview').textContent())
      .toContain('Halo Budi, selamat datang di Eagle Overseas versi uji!');
    // The stages, weights and thresholds are the playbook's now, edited on its own screen.
    expect(await page.getByRole('heading', { name: /Flow stages|Scoring/ }).count()).toBe(0);
    await page.locator('.settings a[href="#/eagle/playbook"]').waitFor();
    await page.click('button:has-text("Save")');
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.mouse.wheel(0, -10_000);
    await shoot('settings');

    await page.goto(`${ari.url}/#/eagle/try`);
    await page.fill('input >> nth=1', 'Sari');
    await page.fill('.reply textarea', 'Halo');
    await page.click('.reply button[type=submit]');
    await page
      .locator('.message[data-role=assistant]', { hasText: 'selamat datang di Eagle Overseas versi uji!' })
      .waitFor({ timeout: 15_000 });
    const modelCalls = grok.requests.length;
    await page.fill('.reply textarea', 'Nama saya Sari, mau S2 ke Australia tahun depan');
    await page.click('.reply button[type=submit]');
    await page.getByText('Siap kak Budi, mau kuliah jenjang apa?').waitFor({ timeout: 20_000 });
    expect(grok.requests.length).toBeGreaterThan(modelCalls);
    await page.getByTestId('lead-score').waitFor();
    await shoot('try-it');

    await page.goto(`${ari.url}/#/eagle/usage`);
    const report = await api('/workspaces/eagle/usage');
    expect(Number(report.totals.costUsd)).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('usage-total').textContent(), { timeout: 10_000 })
      .toBe(`$${Number(report.totals.costUsd).toFixed(Number(report.totals.costUsd) < 0.01 ? 6 : 4)}`);
    await expect
      .poll(() => page.locator('[data-testid=cost-per-day] .recharts-bar-rectangle').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid=cost-by-model] .recharts-bar-rectangle').count())
      .toBeGreaterThan(0);

    // A budget the month has nearly used: the next paid call raises an alert, and the open screen shows its banner.
    const budget = await fetch(`${ari.url}/api/v1/workspaces/eagle/budget`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ monthlyUsd: Math.ceil(Number(report.totals.costUsd) * 1.2 * 10_000) / 10_000 }),
    });
    expect(budget.status).toBe(200);
    await fetch(`${ari.url}/api/v1/workspaces/eagle/sandbox/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+6281277770001', text: 'Saya mau S2 bisnis, budget 500 juta' }),
    });
    await page
      .locator('.banner[role=alert]', { hasText: 'Budget alert: the monthly budget has reached' })
      .waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.budget .bar div').count()).toBe(1);
    await shoot('usage');

    // The same calls, as Prometheus sees them.
    const metrics = await (await fetch(`${ari.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    const sample = (pattern: RegExp) =>
      metrics
        .split('\n')
        .filter((line) => pattern.test(line))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(sample(/^ari_ai_cost_usd_total\{/)).toBeGreaterThan(0);
    expect(sample(/^ari_ai_calls_total\{.*provider="grok".*outcome="ok"/)).toBeGreaterThan(0);
    expect(sample(/^ari_ai_tokens_total\{.*kind="input"/)).toBeGreaterThan(0);
    expect(sample(/^ari_webhook_deliveries_total\{channel="kapso",status="200"\}/)).toBe(1);
    expect(sample(/^ari_jobs_total\{queue="send",result="completed"\}/)).toBeGreaterThan(0);
    expect(sample(/^ari_ai_call_duration_seconds_count\{/)).toBeGreaterThan(0);
  });

  it('edits the playbook: a live weight sum, a refused save shown at its path, a new question asked by the next Try-it reply, another built-in picked', async () => {
    // The rules engine answers in the lab workspace, so a reply is the playbook's own words
    // (the fake model would answer with its one fixed text).
    const rulesOnly = [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }];
    const chains = await fetch(`${ari.url}/api/v1/workspaces/lab/assistant`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mouthChain: rulesOnly, brainChain: rulesOnly }),
    });
    expect(chains.status).toBe(200);
    const before = await api('/workspaces/lab/playbook');
    expect(before).toMatchObject({ playbookId: 'study-abroad', custom: false });

    await page.goto(`${ari.url}/#/lab/playbook`);
    await page.locator('[data-built-in=study-abroad]', { hasText: 'in use' }).waitFor();
    await page.click('[data-tab=rubric]');
    const sum = page.getByTestId('weight-sum');
    await expect.poll(() => sum.textContent()).toBe('Weights sum to 100 (must be 100).');
    const firstWeight = page.locator('input[name="rubric.categories.0.weight"]');
    const weight = Number(await firstWeight.inputValue());
    await firstWeight.fill(String(weight - 10));
    await expect.poll(() => sum.textContent()).toBe('Weights sum to 90 (must be 100).');

    // The server refuses it: the problem is listed with its path and shown beside the sum; nothing is stored.
    await page.click('.playbook-editor button[type=submit]');
    await page.getByTestId('playbook-issues').getByText('rubric.categories').waitFor();
    await page.locator('.tab-panel [data-issue-path="rubric.categories"]').waitFor();
    expect(await page.locator('[data-tab=rubric] .issue-count').textContent()).toBe('1');
    expect(await api('/workspaces/lab/playbook')).toEqual(before);
    // The browser logs the refused PUT's 400; that one was expected.
    const refusal = pageErrors.findIndex((e) => e.includes('status of 400'));
    expect(refusal, pageErrors.join('\n')).toBeGreaterThanOrEqual(0);
    pageErrors.splice(refusal, 1);

    await firstWeight.fill(String(weight));
    await expect.poll(() => sum.textContent()).toBe('Weights sum to 100 (must be 100).');
    await page.click('[data-tab=slots]');
    const question = 'Sebelumnya, boleh kenalan dulu, siapa nama lengkap kakak?';
    const firstSlot = before.playbook.slots[0];
    await page.fill('textarea[name="slots.0.question.id"]', question);
    await page.click('.playbook-editor button[type=submit]');
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.getByTestId('playbook-source').getByText("this workspace's own").waitFor();
    expect(await page.getByTestId('playbook-issues').count()).toBe(0);
    const saved = await api('/workspaces/lab/playbook');
    expect(saved).toMatchObject({ playbookId: null, custom: true });
    expect(saved.playbook.slots[0]).toEqual({ ...firstSlot, question: { ...firstSlot.question, id: question } });

    // The chat beside the editor: a new customer writing Indonesian is asked the new question.
    const chat = page.locator('.playbook-try');
    const send = async (text: string) => {
      await chat.locator('.reply textarea').fill(text);
      await chat.locator('.reply button[type=submit]').click();
    };
    await chat.getByRole('button', { name: 'New customer' }).click();
    const asked = chat.locator('.message[data-role=assistant]', { hasText: question });
    await send('Halo');
    await chat.locator('.message[data-role=assistant]').first().waitFor({ timeout: 15_000 });
    // The greeting may ask it at once; otherwise the next reply does.
    if (
      !(await asked.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await send('Mau kuliah ke luar negeri kak');
      await asked.waitFor({ timeout: 15_000 });
    }
    // Facts are keyed by slot id and shown with the slot's label.
    await send('Nama saya Budi Santoso, mau kuliah ke Australia');
    await chat.locator('[data-fact=destination]', { hasText: 'Australia' }).waitFor({ timeout: 15_000 });
    expect(await chat.locator('[data-fact=destination] dt').textContent()).toBe(
      saved.playbook.slots.find((s: { id: string }) => s.id === 'destination').label.en,
    );
    await shoot('playbook');

    // Another built-in (or, with only one, the built-in again instead of the workspace's own).
    const { playbooks } = await api('/playbooks');
    const other = playbooks.find((p: { id: string }) => p.id !== 'study-abroad') ?? playbooks[0];
    await page.locator(`[data-built-in="${other.id}"]`).getByRole('button', { name: 'Use this' }).click();
    await page.getByTestId('playbook-source').getByText(`built-in: ${other.id}`).waitFor();
    await page.locator('.playbook-editor h1', { hasText: other.name.en }).waitFor();
    expect(await api('/workspaces/lab/playbook')).toMatchObject({
      playbookId: other.id,
      custom: false,
      playbook: { id: other.id },
    });
  });

  it('lists leads by score, exports them, and shows the health checks with hints', async () => {
    await page.goto(`${ari.url}/#/eagle/leads`);
    await page.getByRole('cell', { name: '+6281277770001' }).waitFor();
    const csv = await fetch(`${ari.url}/api/v1/workspaces/eagle/contacts.csv`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'name,phone,lead_score,lead_status,state,mode,next_action,email,destination,educationLevel,budget,timeline,' +
        'englishTest,englishScore,passport,cv,english_certificate,transcript,last_message_at,username',
    );
    await page.getByRole('cell', { name: '+6281277770001' }).click();
    await page.locator('.lead-detail').waitFor();
    await shoot('leads');

    await page.goto(`${ari.url}/#/eagle/health`);
    await page.locator('[data-check="database.reachable"], [data-check^=database]').first().waitFor();
    await expect.poll(() => page.locator('.checks li').count()).toBeGreaterThan(3);
    await shoot('health');
  });

  it('speaks Bahasa Indonesia when asked, and remembers it', async () => {
    await page.click('button[aria-label=language]');
    await page.getByRole('link', { name: 'Kotak masuk' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Kotak masuk' }).waitFor();
    await page.goto(`${ari.url}/#/eagle/inbox`);
    await page.click('.conversations a');
    await shoot('inbox-id');
    await page.click('button[aria-label=language]');
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
  });

  it("a workspace key sees its own workspace only, never another workspace's conversations", async () => {
    const other = await fetch(`${ari.url}/api/v1/workspaces/other/sandbox/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+6281299990000', text: 'Halo dari pelanggan lain', name: 'Pelanggan Lain' }),
    });
    expect(other.status).toBe(202);
    await signIn(eagleKey);
    await page.goto(`${ari.url}/#/eagle/inbox`);
    await page.getByText('Budi Santoso').first().waitFor();
    expect(await page.getByText('Pelanggan Lain').count()).toBe(0);
    expect(await page.locator('header select').count()).toBe(0); // no workspace switcher
    await page.goto(`${ari.url}/#/other/inbox`);
    await page.getByText('No workspace "other" for this sign-in.').waitFor();
    expect(await page.getByText('Pelanggan Lain').count()).toBe(0);
    expect(
      (
        await fetch(`${ari.url}/api/v1/workspaces/other/conversations`, {
          headers: { authorization: `Bearer ${eagleKey}` },
        })
      ).status,
    ).toBe(404);
    const mine = await api('/workspaces/eagle/conversations', eagleKey);
    expect(mine.conversations.every((c: { contact: { phone: string } }) => c.contact.phone !== '+6281299990000')).toBe(
      true,
    );
  });

  it('shows owners their keys: create one (shown once), revoke it; an agent key sees the inbox, leads and bookings only', async () => {
    await signIn(eagleKey);
    await page.goto(`${ari.url}/#/eagle/keys`);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.fill('input[aria-label=Name]', 'front desk');
    await page.selectOption('select[aria-label=Role]', 'agent');
    await page.click('button[type=submit]');
    const secret = (await page.locator('[data-created-key] code').textContent())!;
    expect(secret).toMatch(/^ari_/);
    const row = page.locator('tr', { hasText: 'front desk' });
    await row.waitFor();
    expect(await page.locator('table').textContent()).not.toContain(secret);

    // The new agent key signs in and sees only what an agent may use.
    await signIn(secret);
    const nav = await page.locator('header nav a').allTextContents();
    expect(nav).toEqual(['Inbox', 'Leads', 'Bookings']);

    // Revoked by the owner: the agent key is refused at once.
    await signIn(eagleKey);
    await page.goto(`${ari.url}/#/eagle/keys`);
    await page.locator('tr', { hasText: 'front desk' }).getByRole('button', { name: 'Revoke' }).click();
    await page
      .locator('tr', { hasText: 'front desk' })
      .getByRole('button', { name: 'Revoke' })
      .waitFor({ state: 'detached' });
    const refused = await fetch(`${ari.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
  });
});
