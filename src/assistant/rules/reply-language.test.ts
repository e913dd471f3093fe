/**
 * Every line in the customer's language, whatever the workspace's: whole scripted
 * conversations in English to an Indonesian workspace and in Indonesian to an
 * English one, for every built-in playbook, with the workspace's own greeting and
 * offer set (they are in the workspace's language and must not leak across).
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS } from '../../playbooks/built-in-playbooks.js';
import type { Language } from '../../core/vocabulary.js';
import { simulateConversation } from './simulate-conversation.js';

const INDONESIAN_MARKERS =
  /\b(kak|kakak|saya|kami|yang|untuk|dengan|sudah|boleh|apakah|terima kasih|mohon|ya|dulu|sebentar)\b/i;
const ENGLISH_MARKERS = /\b(the|your|you|we|our|thank|please|would|shall|with|have)\b/i;

/** The first sentence a reply says that is in the other language, or null. */
export function otherLanguage(reply: string, language: Language): string | null {
  const marker = language === 'en' ? INDONESIAN_MARKERS : ENGLISH_MARKERS;
  return reply.split(/(?<=[.!?])\s+/).find((sentence) => marker.test(sentence.replace(/https?:\S+/g, ''))) ?? null;
}

const SCRIPTS: Record<Language, string[][]> = {
  en: [
    ['Hello, I would like some information', 'My name is Sarah Lee', 'yes', 'How much does it cost?'],
    ['Hi there', 'My name is Tom', 'I am just looking for now, maybe later'],
    ['Good evening', 'Can I talk to a real person please'],
    ['Hello', 'I am very disappointed, this is terrible service'],
    ['Hi, my name is Anna Smith and I want to book an appointment', 'yes', 'no', 'next month', 'yes please'],
  ],
  id: [
    ['Halo kak, saya mau tanya-tanya dulu', 'Nama saya Budi Santoso', 'iya', 'Berapa biayanya kak?'],
    ['Permisi kak', 'Nama saya Rina', 'cuma lihat-lihat dulu kak, nanti dulu'],
    ['Selamat malam', 'Saya mau bicara dengan admin langsung'],
    ['Halo', 'Saya kecewa, pelayanannya lambat banget'],
    ['Halo kak, nama saya Dewi, mau jadwalkan konsultasi', 'iya', 'belum', 'bulan depan', 'iya kak'],
  ],
};

const OWN_WORDS: Record<Language, { greetingTemplate: string; consultationOffer: string }> = {
  id: {
    greetingTemplate: 'Selamat {waktu} kak {nama}! Saya Ari dari {workspace}. Ada yang bisa saya bantu?',
    consultationOffer: 'Kakak bisa ikut konsultasi gratis dengan tim kami. Mau saya jadwalkan?',
  },
  en: {
    greetingTemplate: 'Good {waktu} {nama}! I am Ari from {workspace}. How can I help?',
    consultationOffer: 'You can join a free consultation with our team. Shall I schedule one?',
  },
};

describe('replies stay in the customer language', () => {
  for (const playbook of BUILT_IN_PLAYBOOKS.values()) {
    for (const customer of ['en', 'id'] as const) {
      const workspaceLanguage = customer === 'en' ? 'id' : 'en';
      it(`${playbook.id}: ${customer} customers of a${workspaceLanguage === 'en' ? 'n English' : 'n Indonesian'} workspace`, () => {
        for (const script of SCRIPTS[customer]) {
          const turns = simulateConversation(playbook, script, {
            workspaceLanguage,
            workspaceName: 'Demo Usaha',
            communityLink: 'https://chat.whatsapp.com/demo',
            ...OWN_WORDS[workspaceLanguage],
            now: new Date('2026-11-26T12:30:00Z'),
          });
          for (const turn of turns) {
            expect(turn.language, script.join(' / ')).toBe(customer);
            expect(otherLanguage(turn.reply.text, customer), `${script.join(' / ')} → ${turn.reply.text}`).toBeNull();
          }
        }
      });
    }
  }

  it('the checker itself catches a mixed reply', () => {
    expect(otherLanguage('Selamat evening kak! Saya Ari dari Eagle.', 'en')).not.toBeNull();
    expect(otherLanguage('Great, Sarah. Kakak bisa ikut konsultasi 1-on-1 gratis.', 'en')).not.toBeNull();
    expect(otherLanguage('Baik kak. Which country are you planning to study in?', 'id')).not.toBeNull();
    expect(otherLanguage('Good evening Sarah, thank you for contacting Eagle.', 'en')).toBeNull();
  });
});
