/** One booking: who and when, and what staff do with it: move to a free slot, cancel, mark attended or no-show. */
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { contactHandle } from '../../contact-handle';
import { labelOf, useI18n } from '../../i18n';
import type { Booking, FreeSlot, Workspace } from '../../types';
import { useData } from '../../use-data';
import { formatDay, localMinutes, localTime } from './calendar-days';
import { SlotPicker } from './slot-picker';

export function BookingPanel({
  workspace,
  booking,
  zone,
  notice,
  onChanged,
  onClose,
}: {
  workspace: Workspace;
  booking: Booking;
  /** 'WIB', 'WITA', … */
  zone: string;
  /** What the last change to this booking did ('Moved.'). */
  notice: string | null;
  /** After a change: the booking to show next (the new one after a move) and what was done. */
  onChanged(booking: Booking, text: string): void;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const base = `/workspaces/${workspace.slug}`;
  const [slot, setSlot] = useState('');
  const [alternatives, setAlternatives] = useState<FreeSlot[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const movable = booking.status === 'booked';
  const free = useData(
    () =>
      movable
        ? api
            .get<{ slots: FreeSlot[] }>(`${base}/booking-resources/${booking.resourceId}/slots?limit=60`)
            .then((r) => r.slots)
        : Promise.resolve([]),
    [base, booking.id, booking.status],
  );
  const started = new Date(booking.startsAt).getTime() <= Date.now();
  const { date } = localMinutes(booking.startsAt, workspace.timezone);

  const change = async (body: Record<string, unknown>, done: string) => {
    setBusy(true);
    try {
      const { booking: changed } = await api.patch<{ booking: Booking }>(`${base}/bookings/${booking.id}`, body);
      setFailure(null);
      setAlternatives(null);
      setSlot('');
      onChanged(changed, done);
    } catch (error) {
      const alternativesOf = error instanceof ApiError && error.status === 409 ? error.body.alternatives : undefined;
      if (Array.isArray(alternativesOf)) {
        setAlternatives(alternativesOf as FreeSlot[]);
        setSlot('');
        setFailure(t('booking.taken'));
      } else setFailure((error as Error).message);
      free.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="card booking-panel" data-booking-panel={booking.id}>
      <div className="row">
        <h2 className="grow">{t('booking.title')}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t('booking.close')}
        </button>
      </div>
      <dl>
        <dt>{t('booking.contact')}</dt>
        <dd>
          {booking.contact.name ?? contactHandle(booking.contact)}
          {booking.contact.name && <span className="muted"> · {contactHandle(booking.contact)}</span>}
        </dd>
        <dt>{t('booking.when')}</dt>
        <dd data-booking-when>
          {formatDay(date, locale, true)}, {localTime(booking.startsAt, workspace.timezone)}–
          {localTime(booking.endsAt, workspace.timezone)} {zone}
        </dd>
        <dt>{t('booking.status')}</dt>
        <dd>
          <span className={`chip status-${booking.status}`} data-booking-status>
            {labelOf(t, 'status', booking.status)}
          </span>
          {booking.rescheduledFrom && <span className="muted small"> · {t('booking.movedFrom')}</span>}
        </dd>
      </dl>
      {booking.conversationId && (
        <p>
          <a href={`#/${workspace.slug}/inbox/${booking.conversationId}`}>{t('booking.openChat')}</a>
        </p>
      )}
      {failure ? (
        <p className="error" role="alert">
          {failure}
        </p>
      ) : (
        notice && (
          <p className="ok" role="status">
            {notice}
          </p>
        )
      )}
      {movable && (
        <form
          className="booking-move"
          onSubmit={(event) => {
            event.preventDefault();
            if (slot) void change({ startsAt: slot }, t('booking.moved'));
          }}
        >
          <SlotPicker
            label={t('booking.moveTo')}
            name="move-to"
            slots={alternatives ?? free.data ?? []}
            timezone={workspace.timezone}
            value={slot}
            onChange={setSlot}
          />
          <button type="submit" disabled={!slot || busy}>
            {t('booking.move')}
          </button>
        </form>
      )}
      <div className="row booking-actions">
        {movable &&
          // Asked twice: a cancellation tells the team (webhook) and frees the time at once.
          (confirming ? (
            <>
              <span className="small">{t('booking.cancelSure')}</span>
              <button
                type="button"
                className="danger"
                data-confirm-cancel
                disabled={busy}
                onClick={() => void change({ status: 'cancelled' }, t('booking.cancelled'))}
              >
                {t('booking.cancelYes')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('booking.cancelNo')}
              </button>
            </>
          ) : (
            <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('booking.cancel')}
            </button>
          ))}
        {started && booking.status !== 'cancelled' && (
          <>
            <button
              type="button"
              disabled={busy || booking.status === 'attended'}
              onClick={() => void change({ status: 'attended' }, t('status.attended'))}
            >
              {t('booking.markAttended')}
            </button>
            <button
              type="button"
              disabled={busy || booking.status === 'no_show'}
              onClick={() => void change({ status: 'no_show' }, t('status.no_show'))}
            >
              {t('booking.markNoShow')}
            </button>
          </>
        )}
      </div>
    </aside>
  );
}
