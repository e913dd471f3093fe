/** How a customer is shown without a name: their phone, else their WhatsApp username (@name). */
export function contactHandle(contact: { phone?: string | null; username?: string | null } | undefined): string {
  if (!contact) return '';
  return contact.phone ?? (contact.username ? `@${contact.username}` : '');
}
