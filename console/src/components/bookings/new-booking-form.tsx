/** Staff book a free slot of a resource for a customer found by name or phone. */
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { contactHandle } from '../../contact-handle';
import { useI18n } from '../../i18n';
import type { Booking, FreeSlot, Lead, Workspace } from '../../types';
import { useData } from '../../use-data';
import { SlotPicker } from './slot-picker';

export function NewBookingForm({
  workspace,
  resourceId,
  onBooked,
}: {
  workspace: Workspace;
  resourceId: string;
  onBooked(booking: Booking): void;
}) {
  const { t } = useI18n();
  const base = `/workspaces/${workspace.slug}`;
  const [q, setQ] = useState('');
  const [contactId, setContactId] = useState('');
  const [slot, setSlot] = useState('');
  const [alternatives, setAlternatives] = useState<FreeSlot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = new URLSearchParams({ limit: '50', ...(q.trim() && { q: q.trim() }) }).toString();
  const found = useData(
    () => api.get<{ contacts: Lead[] }>(`${base}/contacts?${query}`).then((r) => r.contacts),
    [base, query],
  );
  const free = useData(
    () => api.get<{ slots: FreeSlot[] }>(`${base}/booking-resources/${resourceId}/slots?limit=60`).then((r) => r.slots),
    [base, resourceId],
  );

  const book = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const { booking } = await api.post<{ booking: Booking }>(`${base}/bookings`, {
        resourceId,
        contactId,
        startsAt: slot,
      });
      onBooked(booking);
    } catch (e) {
      const offered = e instanceof ApiError && e.status === 409 ? e.body.alternatives : undefined;
      if (Array.isArray(offered)) {
        setAlternatives(offered as FreeSlot[]);
        setSlot('');
        setError(t('booking.taken'));
      } else setError((e as Error).message);
    }
  };

  const contacts = found.data ?? [];
  return (
    <form className="card new-booking" onSubmit={book}>
      <h2>{t('bookings.new')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <label>
        {t('booking.pickContact')}
        <input
          type="search"
          name="contact-search"
          placeholder={t('common.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select name="contact" value={contactId} onChange={(e) => setContactId(e.target.value)} size={5}>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name ? `${c.name} · ${contactHandle(c)}` : contactHandle(c)}
            </option>
          ))}
        </select>
        {found.data && contacts.length === 0 && <span className="muted small">{t('booking.noContacts')}</span>}
      </label>
      <SlotPicker
        label={t('booking.pickSlot')}
        name="slot"
        slots={alternatives ?? free.data ?? []}
        timezone={workspace.timezone}
        value={slot}
        onChange={setSlot}
      />
      <button type="submit" disabled={!contactId || !slot}>
        {t('booking.book')}
      </button>
    </form>
  );
}
