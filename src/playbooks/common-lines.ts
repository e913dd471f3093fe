/**
 * Fixed lines most businesses can use as they are, in both languages. Style
 * (lessons.md): one or two sentences, no emoji, "kak" in Indonesian, and "let me
 * check with the team" instead of inventing facts or prices. The lines said while booking
 * in the chat are the playbook's `bookingLines` (src/assistant/playbook/booking-lines.ts).
 */
export const COMMON_LINES = {
  acknowledgements: { id: ['Baik kak', 'Siap kak', 'Oke kak'], en: ['Thank you', 'Great', 'Got it'] },
  community: {
    id: 'Tidak apa-apa kak, sambil menunggu boleh gabung komunitas kami dulu ya: {link}',
    en: 'No rush: you can join our community for updates in the meantime: {link}',
  },
  handoffHuman: {
    id: 'Baik kak, saya sambungkan dengan tim kami ya, mohon ditunggu sebentar.',
    en: 'Of course, I am connecting you with our team now, please wait a moment.',
  },
  handoffComplaint: {
    id: 'Mohon maaf atas ketidaknyamanannya kak, tim kami akan segera menghubungi kakak.',
    en: 'We are sorry for the trouble; our team will contact you shortly.',
  },
  handoffPricing: {
    id: 'Untuk biaya, saya cek dulu dengan tim kami ya kak, nanti tim kami yang menjelaskan.',
    en: 'Let me check the fees with our team; they will explain them to you shortly.',
  },
  handoffQuietHours: {
    id: 'Baik kak, tim kami sedang di luar jam kerja dan akan membalas mulai pukul {time}.',
    en: 'Thank you; our team is away right now and will reply from {time}.',
  },
  allSet: { id: 'Terima kasih kak, datanya sudah lengkap.', en: 'Thank you, we have everything we need.' },
  mediaReceived: { id: 'Terima kasih kak, file-nya sudah kami terima.', en: 'Thank you, we have received your file.' },
  voiceNoteUnheard: {
    id: 'Mohon maaf kak, saya belum bisa mendengarkan pesan suara. Boleh diketik saja pesannya?',
    en: 'Sorry, I cannot listen to voice notes. Could you type your message instead?',
  },
};
