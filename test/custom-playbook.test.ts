/**
 * A business no built-in playbook covers — a used-car dealer — brings its own
 * playbook through the API and qualifies leads end to end through the signed Kapso
 * webhook: with the rules engine alone, and with a model Brain whose structured-output
 * schema is generated from that playbook (checked on the request the fake model gets).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybookInput } from '../src/assistant/playbook/playbook-schema.js';
import { ariConfig, ariConversations, contacts } from '../src/db/schema.js';
import { COMMON_LINES } from '../src/playbooks/common-lines.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { type FakeLlm, startFakeLlm } from './support/fake-llm.js';
import { type FakeWhatsApp, startFakeWhatsApp } from './support/fake-whatsapp.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { KAPSO_SECRET, kapsoEvent, postKapso } from './support/webhook-payloads.js';

const ADMIN = 'admin-token-used-cars-0123456789';
const RULES_PHONE = '1000000000001';
const MODEL_PHONE = '1000000000002';

const car = (value: string, ...words: string[]) => ({ value, words: { id: words, en: words } });

export const usedCars: PlaybookInput = {
  version: 1,
  id: 'used-cars',
  name: { id: 'Showroom mobil bekas', en: 'Used-car dealer' },
  description: {
    id: 'Pembeli mobil bekas: mobil, tahun, budget, kredit.',
    en: 'Used-car buyers: car, year, budget, credit.',
  },
  slots: [
    {
      id: 'name',
      kind: 'name',
      label: { id: 'Nama', en: 'Name' },
      question: { id: 'Boleh tahu nama kakak?', en: 'May I have your name?' },
    },
    {
      id: 'carModel',
      kind: 'choice',
      label: { id: 'Mobil', en: 'Car' },
      question: { id: 'Mobil apa yang kakak cari?', en: 'Which car are you looking for?' },
      choices: [
        car('Avanza', 'avanza', 'xenia'),
        car('Xpander', 'xpander'),
        car('Brio', 'brio'),
        car('Innova', 'innova', 'kijang'),
      ],
    },
    {
      id: 'carYear',
      kind: 'number',
      label: { id: 'Tahun mobil', en: 'Car year' },
      question: { id: 'Tahun berapa yang kakak mau?', en: 'Which model year would you like?' },
      words: { id: ['tahun'], en: ['year'] },
    },
    {
      id: 'budget',
      kind: 'money',
      label: { id: 'Budget', en: 'Budget' },
      question: { id: 'Budget kakak kira-kira berapa?', en: 'What is your budget?' },
    },
    {
      id: 'credit',
      kind: 'yes_no',
      label: { id: 'Kredit', en: 'Credit' },
      question: { id: 'Rencananya kredit atau cash kak?', en: 'Will you pay in instalments?' },
      words: { id: ['kredit', 'cicilan', 'leasing'], en: ['credit', 'instalments', 'financing'] },
    },
  ],
  stages: [
    {
      id: 'needs',
      state: 'qualifying',
      goal: { id: 'Cari tahu mobil dan budget pembeli.', en: 'Learn the car and the budget.' },
      slots: ['name', 'carModel', 'carYear', 'budget', 'credit'],
      exitWhen: { leadAtLeast: 'hot', anySignal: ['test_drive'] },
    },
    {
      id: 'viewing',
      state: 'scheduling',
      goal: { id: 'Ajak lihat unit dan test drive.', en: 'Invite the buyer to see the car and test drive.' },
    },
  ],
  rubric: {
    hot: 70,
    warm: 40,
    categories: [
      {
        id: 'car',
        label: { id: 'Mobil', en: 'Car' },
        weight: 40,
        earn: [
          { share: 0.6, when: [{ slot: 'carModel' }] },
          { share: 0.4, when: [{ slot: 'carYear', min: 2015 }] },
        ],
      },
      {
        id: 'money',
        label: { id: 'Dana', en: 'Money' },
        weight: 40,
        earn: [
          { share: 0.7, when: [{ slot: 'budget' }] },
          { share: 0.3, when: [{ slot: 'credit' }] },
        ],
      },
      {
        id: 'intent',
        label: { id: 'Niat', en: 'Intent' },
        weight: 20,
        earn: [
          { share: 1, when: [{ signal: 'test_drive' }] },
          { share: 0.5, when: [{ slot: 'name' }] },
        ],
      },
    ],
  },
  signals: [{ id: 'test_drive', words: { id: ['test drive', 'lihat unit', 'coba mobil'], en: ['test drive'] } }],
  routing: {
    hot: 'offer_booking',
    browsing: 'continue',
    pricingUnknown: 'hand_off',
    complaint: 'hand_off',
    humanRequest: 'hand_off',
    booking: 'offer_booking',
    signals: [{ signal: 'test_drive', to: 'offer_booking' }],
  },
  lines: {
    ...COMMON_LINES,
    greeting: {
      id: 'Halo kak {nama}, selamat datang di {workspace}! Ada mobil yang sedang dicari?',
      en: 'Hello {nama}, welcome to {workspace}! Which car are you after?',
    },
    offerBooking: {
      id: 'Mau kami jadwalkan lihat unit dan test drive di showroom?',
      en: 'Shall we book a viewing and a test drive at the showroom?',
    },
  },
};

describe('a custom playbook (used cars) through the API and the Kapso webhook', () => {
  let fake: FakeWhatsApp;
  let model: FakeLlm;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    model = await startFakeLlm();
    service = await startTestService({
      ARI_ADMIN_TOKEN: ADMIN,
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      GROK_API_KEY: 'xai-test',
      GROK_BASE_URL: model.baseUrl,
      ARI_DEBOUNCE_MS: '50',
    });
    const rules = [{ provider: 'rules' as const, model: 'ari-rules-v1', timeoutMs: 1000 }];
    const db = service.ctx.database.db;
    await createWorkspace(
      db,
      { name: 'Mobil Jaya', slug: 'mobil-jaya', kapsoPhoneId: RULES_PHONE },
      { mouthChain: rules, brainChain: rules },
    );
    await createWorkspace(
      db,
      { name: 'Mobil Prima', slug: 'mobil-prima', kapsoPhoneId: MODEL_PHONE },
      { mouthChain: rules, brainChain: [{ provider: 'grok', model: 'grok-4-1-fast-reasoning', timeoutMs: 10_000 }] },
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
    await model?.close();
  });

  const putPlaybook = (slug: string, body: unknown) =>
    fetch(`${service.url}/api/v1/workspaces/${slug}/playbook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** Sends one customer message through the signed webhook and waits for the reply that answers it. */
  async function say(phoneId: string, from: string, text: string, n: number): Promise<string> {
    const event = kapsoEvent({ id: `wamid.${from}.${n}`, from: `+${from}`, text, phoneNumberId: phoneId });
    expect((await postKapso(service.url, event)).status).toBe(200);
    const sends = await eventually(() => {
      const mine = fake.sends().filter((s) => s.body.to === from);
      return mine.length > n ? mine : null;
    }, 15_000);
    return (sends[n]!.body.text as { body: string }).body;
  }

  async function leadOf(from: string) {
    const [row] = await service.ctx.database.db
      .select({ contact: contacts, conversation: ariConversations })
      .from(contacts)
      .innerJoin(ariConversations, eq(ariConversations.contactId, contacts.id))
      .where(and(eq(contacts.phone, `+${from}`)));
    return row!;
  }

  it('qualifies a buyer with the rules engine: its slots, its rubric, its routing and its lines', async () => {
    const saved = await putPlaybook('mobil-jaya', { playbook: usedCars });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ custom: true, playbook: { id: 'used-cars' } });

    const buyer = '6281355500001';
    expect(await say(RULES_PHONE, buyer, 'Halo, saya Andi', 0)).toBe(
      'Halo kak Andi, selamat datang di Mobil Jaya! Ada mobil yang sedang dicari?',
    );
    expect(await say(RULES_PHONE, buyer, 'Cari Xenia kak', 1)).toBe('Oke kak Andi. Tahun berapa yang kakak mau?');
    expect(await say(RULES_PHONE, buyer, 'tahun 2019', 2)).toBe('Baik kak Andi. Budget kakak kira-kira berapa?');
    const offer = await say(RULES_PHONE, buyer, 'sekitar 150 juta, pakai kredit', 3);
    expect(offer).toBe('Siap kak Andi. Mau kami jadwalkan lihat unit dan test drive di showroom?');

    const { contact, conversation } = await leadOf(buyer);
    expect((contact.metadata as { facts: unknown }).facts).toEqual({
      name: 'Andi',
      carModel: 'Avanza',
      carYear: 2019,
      budget: '150 juta',
      credit: true,
    });
    // car 40 + money 40 + intent 10 (a name) = 90: hot by the playbook's own thresholds.
    expect(conversation).toMatchObject({ leadScore: 90, leadTemperature: 'hot', nextAction: 'offer_consultation' });
    expect(contact.leadStatus).toBe('hot');
  });

  it("routes the playbook's own signal: a test-drive request is offered a viewing at once", async () => {
    const buyer = '6281355500002';
    await say(RULES_PHONE, buyer, 'Selamat siang', 0);
    expect(await say(RULES_PHONE, buyer, 'Bisa test drive Brio besok?', 1)).toMatch(
      /Mau kami jadwalkan lihat unit dan test drive di showroom\?$/,
    );
    const { conversation } = await leadOf(buyer);
    expect(conversation.nextAction).toBe('offer_consultation');
    expect(conversation.handoffReason).toBe('signal: test_drive');
  });

  it("gives the model Brain a JSON schema made of the playbook's categories and slots, then clamps its points", async () => {
    expect((await putPlaybook('mobil-prima', { playbook: usedCars })).status).toBe(200);
    model.script({
      content: JSON.stringify({
        points: { car: 400, money: 40, intent: 0 },
        facts: { name: 'Sinta', carModel: 'Innova', carYear: 2021, budget: null, credit: null },
        state: 'qualifying',
        next_action: 'continue_bot',
        reasoning: 'wants an Innova',
      }),
      usage: { prompt_tokens: 900, completion_tokens: 80, total_tokens: 980 },
    });
    const buyer = '6281355500003';
    await say(MODEL_PHONE, buyer, 'Halo, saya Sinta, cari Innova tahun 2021, budget 300 juta', 0);

    const request = model.requests.at(-1)!.body as unknown as {
      response_format: { type: string; json_schema: { schema: JsonSchema } };
      messages: Array<{ role: string; content: string }>;
    };
    expect(request.response_format.type).toBe('json_schema');
    const schema = request.response_format.json_schema.schema;
    expect(Object.keys(schema.properties.points.properties).sort()).toEqual(['car', 'intent', 'money']);
    expect(Object.keys(schema.properties.facts.properties).sort()).toEqual(
      ['budget', 'carModel', 'carYear', 'credit', 'name'].sort(),
    );
    expect(JSON.stringify(schema.properties.facts.properties.carModel)).toContain('"Xpander"');
    expect(JSON.stringify(schema.properties.facts.properties.credit)).toContain('boolean');
    // The prompt is the used-car rubric, nothing of study abroad.
    const system = request.messages[0]!.content;
    expect(system).toContain('Used-car dealer');
    expect(system).not.toMatch(/study|IELTS|passport/i);

    const { conversation } = await leadOf(buyer);
    // 400 points for "car" are clamped to its weight 40; money 40; intent 0 → 80, hot.
    expect(conversation).toMatchObject({ leadScore: 80, leadTemperature: 'hot' });
  });
});

describe('a stored playbook that no longer validates', () => {
  let fake: FakeWhatsApp;
  let service: TestService;
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService({
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      ARI_DEBOUNCE_MS: '50',
    });
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  it('never leaves the customer in silence: the turn follows the built-in playbook', async () => {
    const phoneId = '1000000000003';
    const ws = await createWorkspace(service.ctx.database.db, {
      name: 'Mobil Rusak',
      slug: 'mobil-rusak',
      kapsoPhoneId: phoneId,
    });
    // Written behind the API's back: weights summing to 90.
    const broken = structuredClone(usedCars) as { rubric: { categories: Array<{ weight: number }> } };
    broken.rubric.categories[0]!.weight = 30;
    await service.ctx.database.db.update(ariConfig).set({ playbook: broken }).where(eq(ariConfig.workspaceId, ws.id));

    const from = '6281355500009';
    const event = kapsoEvent({ id: 'wamid.broken.0', from: `+${from}`, text: 'Halo', phoneNumberId: phoneId });
    expect((await postKapso(service.url, event)).status).toBe(200);
    const reply = await eventually(() => fake.sends().find((s) => s.body.to === from) ?? null, 15_000);
    // study-abroad's greeting (the workspace's built-in), not silence.
    expect((reply.body.text as { body: string }).body).toMatch(/terima kasih sudah menghubungi Mobil Rusak/);
  });
});

interface JsonSchema {
  properties: { points: { properties: Record<string, unknown> }; facts: { properties: Record<string, unknown> } };
}
