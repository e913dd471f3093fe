/**
 * Voice notes and media through the real routes: a Meta voice note is fetched from
 * the Graph media endpoint with the access token, transcribed by an OpenAI-compatible
 * endpoint, metered (ai_usage, ai_type transcribe, priced per audio minute) and
 * budgeted, and answered like typed text; without a transcriber, or when it fails or
 * the budget refuses it, the customer is asked — in their language — to type.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_LINES } from '../src/playbooks/common-lines.js';

const { mediaReceived: MEDIA_RECEIVED, voiceNoteUnheard: VOICE_NOTE_UNHEARD } = COMMON_LINES;
import { setBudget } from '../src/budgets/set-budget.js';
import { aiUsage, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeTranscriber, type FakeTranscriber } from './support/fake-transcriber.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { makeOggOpus } from './support/ogg-opus.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { KAPSO_SECRET, META_SECRET, postKapso, postMeta } from './support/webhook-payloads.js';

const TRANSCRIPT = 'Halo, nama saya Budi Santoso, saya mau kuliah S2 di Australia';

function metaDelivery(phoneNumberId: string, from: string, message: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6221555000', phone_number_id: phoneNumberId },
              contacts: [{ wa_id: from, profile: { name: 'Pelanggan' } }],
              messages: [{ from, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
            },
          },
        ],
      },
    ],
  };
}

const voiceNote = (id: string, mediaId: string) => ({
  id,
  type: 'audio',
  audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
});

describe.each(ENGINES)('voice notes through Meta with a transcriber on %s', (engine) => {
  let fake: FakeWhatsApp;
  let transcriber: FakeTranscriber;
  let service: TestService;
  let phoneIds = 0;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    transcriber = await startFakeTranscriber({ text: TRANSCRIPT, duration: 3.2, language: 'indonesian' });
    // A priced transcriber: USD 0.006 per audio minute (OpenAI's whisper-1 rate).
    const prices = path.join(os.tmpdir(), `ari-voice-prices-${process.pid}-${engine}.json`);
    writeFileSync(
      prices,
      JSON.stringify([
        {
          id: 'test/whisper-test@2026-01-01',
          provider: 'whisper',
          model: 'whisper-test',
          effectiveFrom: '2026-01-01',
          source: 'test',
          perMillion: { input: '0', output: '0' },
          perAudioMinute: '0.006',
        },
      ]),
    );
    service = await startTestService(
      {
        META_APP_SECRET: META_SECRET,
        META_ACCESS_TOKEN: 'meta-access-token',
        META_GRAPH_BASE_URL: fake.baseUrl,
        TRANSCRIBE_BASE_URL: transcriber.baseUrl,
        TRANSCRIBE_API_KEY: 'stt-key',
        TRANSCRIBE_MODEL: 'whisper-test',
        ARI_PRICES_FILE: prices,
      },
      engine,
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await Promise.all([fake?.close(), transcriber?.close()]);
  });

  async function workspaceWithVoiceNote(slug: string) {
    const phoneNumberId = `77000${++phoneIds}`;
    const workspace = await createWorkspace(
      service.ctx.database.db,
      { name: `Voice ${slug}`, slug: `${slug}-${engine}`, kapsoPhoneId: phoneNumberId },
      { greetingTemplate: 'Selamat {waktu} kak {nama}, ada yang bisa dibantu?' },
    );
    const mediaId = `media-${slug}-${engine}`;
    fake.addMedia(mediaId, makeOggOpus(3), 'audio/ogg');
    return { workspace, phoneNumberId, mediaId };
  }

  const replyTo = (customer: string) =>
    eventually(() => fake.sends().find((s) => s.body.to === customer), 15_000, `a reply to ${customer}`);

  const transcribeRows = (workspaceId: string) =>
    service.ctx.database.db
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.aiType, 'transcribe')));

  it('fetches the audio with the access token, transcribes it, meters it at the exact price and answers the transcript', async () => {
    const { workspace, phoneNumberId, mediaId } = await workspaceWithVoiceNote('heard');
    const customer = '6281311110001';
    const before = transcriber.requests.length;
    const res = await postMeta(
      service.url,
      metaDelivery(phoneNumberId, customer, voiceNote(`wamid.voice-heard-${engine}`, mediaId)),
    );
    expect(res.status).toBe(200);
    const reply = await replyTo(customer);

    // The Graph way: metadata by media id, then the bytes, both with the bearer token.
    const fetched = fake.mediaRequests.filter((r) => r.path.includes(mediaId));
    expect(fetched.map((r) => new URL(r.path, 'http://x').pathname)).toEqual([
      `/v24.0/${mediaId}`,
      `/media-bytes/${mediaId}`,
    ]);
    for (const r of fetched) expect(r.headers.authorization).toBe('Bearer meta-access-token');

    // The transcriber got the very file, the configured model and key, as multipart.
    expect(transcriber.requests.length - before).toBe(1);
    const call = transcriber.requests.at(-1)!;
    expect(call.path).toBe('/v1/audio/transcriptions');
    expect(call.authorization).toBe('Bearer stt-key');
    expect(call.model).toBe('whisper-test');
    expect(Buffer.from(call.file!).equals(Buffer.from(makeOggOpus(3)))).toBe(true);

    // One attempt, one row: 3.2 s billed as 4 whole seconds at USD 0.006 a minute = USD 0.0004.
    const rows = await transcribeRows(workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'whisper',
      model: 'whisper-test',
      outcome: 'ok',
      costUsd: '0.000400000000',
      priceEntry: 'test/whisper-test@2026-01-01',
      unpriced: false,
    });

    // The transcript is the message's text now, its media ref kept and marked.
    const [stored] = await service.ctx.database.db
      .select()
      .from(ariMessages)
      .where(eq(ariMessages.providerMessageId, `wamid.voice-heard-${engine}`));
    expect(stored!.content).toBe(TRANSCRIPT);
    expect(stored!.media).toMatchObject({ kind: 'audio', id: mediaId, voice: true, transcript: TRANSCRIPT });
    expect(stored!.metadata).toMatchObject({ transcription: 'ok', transcribedBy: 'whisper-test' });

    // The rules engine read it like typed text: name, destination and level known, and the reply greets by name.
    const [contact] = await service.ctx.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.phone, `+${customer}`)));
    const facts = (contact!.metadata as { facts: Record<string, unknown> }).facts;
    expect(facts).toMatchObject({ name: 'Budi Santoso', destination: 'Australia', educationLevel: 'master' });
    const text = (reply.body.text as { body: string }).body;
    expect(text).toContain('Budi');
    expect(text).not.toBe(VOICE_NOTE_UNHEARD.id);
  });

  it('a budget too small for the audio: no transcription call, a skipped row, and the request to type', async () => {
    const { workspace, phoneNumberId, mediaId } = await workspaceWithVoiceNote('broke');
    await setBudget(service.ctx.database.db, { slug: workspace.slug, monthlyUsd: 0.0001, whenExhausted: 'rules' });
    const customer = '6281311110002';
    const before = transcriber.requests.length;
    await postMeta(
      service.url,
      metaDelivery(phoneNumberId, customer, voiceNote(`wamid.voice-broke-${engine}`, mediaId)),
    );
    const reply = await replyTo(customer);

    expect((reply.body.text as { body: string }).body).toBe(VOICE_NOTE_UNHEARD.id);
    expect(transcriber.requests.length).toBe(before);
    const rows = await transcribeRows(workspace.id);
    expect(rows.map((r) => [r.outcome, r.costUsd])).toEqual([['skipped_budget', '0.000000000000']]);
  });

  it('a transcriber that fails: the attempt is metered as an error and the customer is asked to type', async () => {
    const { workspace, phoneNumberId, mediaId } = await workspaceWithVoiceNote('failing');
    transcriber.script({ status: 500, body: { error: { message: 'model overloaded' } } });
    const customer = '6281311110003';
    await postMeta(
      service.url,
      metaDelivery(phoneNumberId, customer, voiceNote(`wamid.voice-failing-${engine}`, mediaId)),
    );
    const reply = await replyTo(customer);

    expect((reply.body.text as { body: string }).body).toBe(VOICE_NOTE_UNHEARD.id);
    const rows = await transcribeRows(workspace.id);
    expect(rows.map((r) => r.outcome)).toEqual(['error']);
    const [stored] = await service.ctx.database.db
      .select({ content: ariMessages.content, metadata: ariMessages.metadata })
      .from(ariMessages)
      .where(eq(ariMessages.providerMessageId, `wamid.voice-failing-${engine}`));
    expect(stored!.metadata).toMatchObject({ transcription: 'error' });
    expect(stored!.content).not.toBe(TRANSCRIPT);
  });

  it('a document named for a passport counts as the passport; a bare image gets a short acknowledgement', async () => {
    const { workspace, phoneNumberId } = await workspaceWithVoiceNote('files');
    const customer = '6281311110004';
    await postMeta(
      service.url,
      metaDelivery(phoneNumberId, customer, {
        id: `wamid.doc-${engine}`,
        type: 'document',
        document: { id: 'doc-1', mime_type: 'application/pdf', filename: 'Paspor_Budi.pdf' },
      }),
    );
    await replyTo(customer);
    const [contact] = await service.ctx.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.phone, `+${customer}`)));
    expect((contact!.metadata as { facts: Record<string, unknown> }).facts).toEqual({ passport: true });

    const sentBefore = fake.sends().filter((s) => s.body.to === customer).length;
    await postMeta(
      service.url,
      metaDelivery(phoneNumberId, customer, {
        id: `wamid.image-${engine}`,
        type: 'image',
        image: { id: 'img-1', mime_type: 'image/jpeg' },
      }),
    );
    const second = await eventually(
      () => fake.sends().filter((s) => s.body.to === customer)[sentBefore],
      15_000,
      'the reply to the image',
    );
    expect((second.body.text as { body: string }).body.startsWith(MEDIA_RECEIVED.id)).toBe(true);
  });
});

describe.each(ENGINES)('voice notes through Kapso without a transcriber on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;
  const PHONE = `88000${engine === 'pglite' ? 1 : 2}`;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      { KAPSO_WEBHOOK_SECRET: KAPSO_SECRET, KAPSO_API_KEY: 'kapso-key', KAPSO_API_BASE_URL: fake.baseUrl },
      engine,
    );
    await createWorkspace(
      service.ctx.database.db,
      { name: 'Kapso Voice', slug: `kapso-voice-${engine}`, kapsoPhoneId: PHONE },
      { greetingTemplate: 'Selamat {waktu} kak, ada yang bisa dibantu?' },
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  function kapsoMessage(id: string, from: string, message: Record<string, unknown>, kapso: Record<string, unknown>) {
    return {
      message: {
        id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        from: from.replace('+', ''),
        ...message,
        kapso: { direction: 'inbound', origin: 'cloud_api', status: 'received', ...kapso },
      },
      conversation: { id: `conv-${from}`, phone_number: from, phone_number_id: PHONE },
      is_new_conversation: false,
      phone_number_id: PHONE,
    };
  }
  const audio = (id: string, from: string, kapso: Record<string, unknown> = {}) =>
    kapsoMessage(
      id,
      from,
      { type: 'audio', audio: { id: `media-${id}`, mime_type: 'audio/ogg; codecs=opus', voice: true } },
      { content: '[Audio]', ...kapso },
    );
  const text = (id: string, from: string, body: string) =>
    kapsoMessage(id, from, { type: 'text', text: { body } }, { content: body });
  const repliesTo = (customer: string) => fake.sends().filter((s) => s.body.to === customer.replace('+', ''));
  const nthReply = (customer: string, n: number) =>
    eventually(() => repliesTo(customer)[n], 15_000, `reply ${n + 1} to ${customer}`).then(
      (r) => (r.body.text as { body: string }).body,
    );

  it('asks a new customer, in the workspace language (Indonesian), to type: never a greeting', async () => {
    const customer = '+6281322220001';
    expect((await postKapso(service.url, audio(`wamid.k-id-${engine}`, customer))).status).toBe(200);
    expect(await nthReply(customer, 0)).toBe(VOICE_NOTE_UNHEARD.id);
  });

  it('asks in English a customer who has been writing in English', async () => {
    const customer = '+6281322220002';
    await postKapso(service.url, text(`wamid.k-en-1-${engine}`, customer, 'Hello, I would like to study in Canada'));
    await nthReply(customer, 0);
    await postKapso(service.url, audio(`wamid.k-en-2-${engine}`, customer));
    expect(await nthReply(customer, 1)).toBe(VOICE_NOTE_UNHEARD.en);
  });

  it("answers a voice note with Kapso's transcript as text", async () => {
    const customer = '+6281322220003';
    await postKapso(
      service.url,
      audio(`wamid.k-tr-${engine}`, customer, {
        transcript: { text: 'Halo kak, nama saya Sari, mau kuliah di Kanada' },
      }),
    );
    const reply = await nthReply(customer, 0);
    expect(reply).not.toBe(VOICE_NOTE_UNHEARD.id);
    const rows = await service.ctx.database.db
      .select({ content: ariMessages.content, metadata: contacts.metadata })
      .from(ariMessages)
      .innerJoin(contacts, eq(contacts.phone, customer))
      .where(eq(ariMessages.providerMessageId, `wamid.k-tr-${engine}`))
      .orderBy(asc(ariMessages.createdAt));
    expect(rows[0]!.content).toBe('Halo kak, nama saya Sari, mau kuliah di Kanada');
    expect((rows[0]!.metadata as { facts: Record<string, unknown> }).facts).toMatchObject({
      name: 'Sari',
      destination: 'Canada',
    });
  });
});
