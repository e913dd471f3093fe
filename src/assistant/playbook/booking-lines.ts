/**
 * What the assistant says while it books in the chat (src/booking/chat/), in both languages.
 * Placeholders: {slots} a numbered list of times, {slot} one time ("Jumat, 27 November,
 * pukul 14.00 WIB"), {resource} who or what is booked, {location} the place or meeting link.
 * A playbook words them its own way in `bookingLines`; one stored without some of them
 * gets these (the playbook schema's defaults), so they name no business: "jadwal", not
 * "konsultasi".
 */
export const BOOKING_LINES = {
  /** After the offer sentence: the first list. */
  slots: {
    id: 'Jadwal yang masih tersedia:\n{slots}\nSilakan balas dengan nomor pilihan kakak, atau sebutkan hari dan jam yang kakak mau.',
    en: 'These times are open:\n{slots}\nReply with the number you prefer, or tell me a day and time that suits you.',
  },
  /** The reply was unclear (two picks, "terserah"): the same list again, once. */
  askAgain: {
    id: 'Mohon maaf kak, jadwal yang mana ya? Mohon balas dengan satu nomor saja:\n{slots}',
    en: 'Sorry, which one do you mean? Please reply with one number:\n{slots}',
  },
  /** None of the list suits: the next ones, once. */
  nextSlots: {
    id: 'Baik kak, ini jadwal berikutnya yang masih tersedia:\n{slots}\nAtau sebutkan hari dan jam yang kakak mau.',
    en: 'No problem, these are the next open times:\n{slots}\nOr tell me a day and time that suits you.',
  },
  /** The customer named a day or time that several free slots fit. */
  wantedExact: {
    id: 'Untuk waktu itu masih tersedia:\n{slots}\nMau yang nomor berapa, kak?',
    en: 'These times match what you asked for:\n{slots}\nWhich number would you like?',
  },
  /** The time named is not free, other times that day are. */
  wantedDay: {
    id: 'Mohon maaf kak, jam itu tidak tersedia. Di hari yang sama masih ada:\n{slots}\nMau yang nomor berapa?',
    en: 'Sorry, that time is not available. The same day still has:\n{slots}\nWhich number would you like?',
  },
  /** Nothing free on the day named: the next free times after it. */
  wantedAfter: {
    id: 'Mohon maaf kak, waktu itu tidak tersedia. Jadwal terdekat yang masih kosong:\n{slots}\nMau yang nomor berapa?',
    en: 'Sorry, that time is not available. The nearest open times are:\n{slots}\nWhich number would you like?',
  },
  /** Another customer took the time a moment before. */
  taken: {
    id: 'Mohon maaf kak, jadwal itu baru saja terisi. Yang masih tersedia:\n{slots}\nMau yang nomor berapa?',
    en: 'Sorry, that time was just taken. These are still open:\n{slots}\nWhich number would you like?',
  },
  confirmed: {
    id: 'Siap kak, jadwal kakak sudah terkonfirmasi: {slot}, bersama {resource}.{location}\nKalau perlu mengubah, balas "ganti jadwal"; untuk membatalkan, balas "batal".',
    en: 'You are booked: {slot}, with {resource}.{location}\nTo change it, reply "reschedule"; to cancel, reply "cancel".',
  },
  /** The {location} of the confirmations, on its own line; left out when the resource has none. */
  location: { id: 'Tempat: {location}', en: 'Where: {location}' },
  /** "Ganti jadwal": the customer's booking and the times it can move to. */
  reschedule: {
    id: 'Baik kak, jadwal kakak saat ini {slot}. Mau dipindah ke jadwal yang mana?\n{slots}',
    en: 'Sure, your appointment is on {slot}. Which of these would you like instead?\n{slots}',
  },
  rescheduled: {
    id: 'Siap kak, jadwal kakak sudah dipindah ke {slot}, bersama {resource}.{location}',
    en: 'Done, your appointment is moved to {slot}, with {resource}.{location}',
  },
  /** "Batal": asked once before cancelling; only a yes cancels. */
  confirmCancel: {
    id: 'Kakak yakin ingin membatalkan jadwal {slot}? Balas YA untuk membatalkan.',
    en: 'Do you want to cancel your appointment on {slot}? Reply YES to cancel.',
  },
  cancelled: {
    id: 'Baik kak, jadwal {slot} sudah kami batalkan. Kalau ingin membuat jadwal baru, kabari kami saja ya.',
    en: 'Done, your appointment on {slot} is cancelled. Message us whenever you would like a new one.',
  },
  /** Nothing free to offer any more: the team takes over. */
  noSlots: {
    id: 'Mohon maaf kak, saat ini belum ada jadwal yang kosong. Tim kami akan menghubungi kakak untuk mengatur waktunya ya.',
    en: 'Sorry, there are no open times right now. Our team will contact you to arrange one.',
  },
};
