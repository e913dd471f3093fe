/**
 * Bookings: a day or week calendar per resource in the workspace's zone, a booking's panel
 * (move, cancel, attended / no-show), a new booking, and — for managers — each resource's
 * availability. Re-read when a booking changes anywhere (the API, the chat).
 */
import { useEffect, useState } from 'react';
import { zoneAbbreviation } from '../../../src/booking/zone-abbreviation';
import { api } from '../api';
import { AvailabilityEditor } from '../components/bookings/availability-editor';
import { BookingCalendar } from '../components/bookings/booking-calendar';
import { BookingPanel } from '../components/bookings/booking-panel';
import {
  type CalendarView,
  calendarDays,
  calendarRange,
  formatDay,
  localMinutes,
  shiftAnchor,
  todayIn,
} from '../components/bookings/calendar-days';
import { NewBookingForm } from '../components/bookings/new-booking-form';
import { useI18n } from '../i18n';
import type { Booking, BookingResource, Workspace } from '../types';
import { useCoalesced, useData, useWorkspaceEvents } from '../use-data';

type Mode = 'calendar' | 'new' | 'availability';

export function BookingsScreen({ workspace, canSetUp }: { workspace: Workspace; canSetUp: boolean }) {
  const { t, locale } = useI18n();
  const base = `/workspaces/${workspace.slug}`;
  const timezone = workspace.timezone;
  const zone = zoneAbbreviation(timezone, new Date());
  const resources = useData(
    () => api.get<{ resources: BookingResource[] }>(`${base}/booking-resources`).then((r) => r.resources),
    [base],
  );
  const [resourceId, setResourceId] = useState<string | null>(null);
  // A phone shows one day at a time; a desk, the week.
  const [view, setView] = useState<CalendarView>(() => (window.innerWidth < 800 ? 'day' : 'week'));
  const [anchor, setAnchor] = useState(() => todayIn(timezone));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('calendar');
  const resource = resources.data?.find((r) => r.id === resourceId) ?? resources.data?.[0] ?? null;
  useEffect(() => {
    if (!resourceId && resources.data?.[0]) setResourceId(resources.data[0].id);
  }, [resources.data, resourceId]);

  const days = calendarDays(view, anchor);
  const range = calendarRange(days, timezone);
  const query = resource ? new URLSearchParams({ ...range, resourceId: resource.id }).toString() : null;
  const bookings = useData(
    () =>
      query
        ? api.get<{ bookings: Booking[] }>(`${base}/bookings?${query}`).then((r) => r.bookings)
        : Promise.resolve([]),
    [base, query],
  );
  const reloadSoon = useCoalesced(() => {
    bookings.reload();
    resources.reload();
  });
  // A booking made or moved in the chat changes its conversation too.
  useWorkspaceEvents(workspace.slug, (event) => {
    if (event.type === 'bookings.changed' || event.type === 'conversation.changed') reloadSoon();
  });
  // A booking moved out of the shown days is still shown in the panel (read on its own).
  const [selected, setSelected] = useState<Booking | null>(null);
  /** What the last change did, shown in the panel of the booking it left (the new one after a move). */
  const [notice, setNotice] = useState<{ bookingId: string; text: string } | null>(null);
  useEffect(() => {
    const shown = bookings.data?.find((b) => b.id === selectedId);
    if (shown) setSelected(shown);
    else if (!selectedId) setSelected(null);
  }, [bookings.data, selectedId]);

  if (resources.error) return <p className="error">{resources.error}</p>;
  if (!resources.data) return <p className="loading">{t('common.loading')}</p>;

  return (
    <div className="bookings">
      <section className="card bookings-head">
        <div className="filters">
          {resources.data.length > 0 && (
            <select
              aria-label={t('bookings.resource')}
              name="resource"
              value={resource?.id ?? ''}
              onChange={(e) => {
                setResourceId(e.target.value);
                setSelectedId(null);
              }}
            >
              {resources.data.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
          {resource && (
            <>
              <span className="tabs">
                {(['calendar', 'new', ...(canSetUp ? (['availability'] as const) : [])] as const).map((m) => (
                  <button
                    type="button"
                    key={m}
                    data-mode={m}
                    className={`tab${mode === m ? ' active' : ''}`}
                    onClick={() => setMode(m)}
                  >
                    {t(m === 'calendar' ? 'bookings.calendar' : m === 'new' ? 'bookings.new' : 'bookings.availability')}
                  </button>
                ))}
              </span>
              <span className="spacer" />
              <span className="muted small">{t('bookings.zone', { zone, timezone })}</span>
            </>
          )}
        </div>
        {resources.data.length === 0 && <p className="muted">{t('bookings.noResources')}</p>}
      </section>

      {resource && mode === 'calendar' && (
        <div className="bookings-layout">
          <section className="card bookings-calendar">
            <div className="filters calendar-nav">
              <button type="button" className="secondary" onClick={() => setAnchor(shiftAnchor(view, anchor, -1))}>
                ‹ {t('bookings.previous')}
              </button>
              <button type="button" className="secondary" onClick={() => setAnchor(todayIn(timezone))}>
                {t('bookings.today')}
              </button>
              <button type="button" className="secondary" onClick={() => setAnchor(shiftAnchor(view, anchor, 1))}>
                {t('bookings.next')} ›
              </button>
              <strong className="calendar-title">
                {days.length === 1
                  ? formatDay(days[0]!, locale, true)
                  : `${formatDay(days[0]!, locale)} – ${formatDay(days.at(-1)!, locale)}`}
              </strong>
              <span className="spacer" />
              <select
                aria-label={`${t('bookings.day')} / ${t('bookings.week')}`}
                name="view"
                value={view}
                onChange={(e) => setView(e.target.value as CalendarView)}
              >
                <option value="week">{t('bookings.week')}</option>
                <option value="day">{t('bookings.day')}</option>
              </select>
            </div>
            {bookings.error && <p className="error">{bookings.error}</p>}
            <BookingCalendar
              days={days}
              bookings={bookings.data ?? []}
              weekly={resource.weekly}
              timezone={timezone}
              selectedId={selectedId}
              onSelect={(booking) => {
                setSelectedId(booking.id);
                setSelected(booking);
              }}
            />
            {bookings.data?.length === 0 && <p className="muted small">{t('bookings.empty')}</p>}
          </section>
          {selected && (
            <BookingPanel
              key={selected.id}
              workspace={workspace}
              booking={selected}
              zone={zone}
              notice={notice?.bookingId === selected.id ? notice.text : null}
              onChanged={(changed, text) => {
                setSelectedId(changed.id);
                setSelected(changed);
                setNotice({ bookingId: changed.id, text });
                bookings.reload();
              }}
              onClose={() => {
                setSelectedId(null);
                setSelected(null);
              }}
            />
          )}
        </div>
      )}

      {resource && mode === 'new' && (
        <NewBookingForm
          key={resource.id}
          workspace={workspace}
          resourceId={resource.id}
          onBooked={(booking) => {
            setAnchor(localMinutes(booking.startsAt, timezone).date);
            setSelectedId(booking.id);
            setSelected(booking);
            setMode('calendar');
            bookings.reload();
          }}
        />
      )}

      {resource && mode === 'availability' && canSetUp && (
        <AvailabilityEditor
          key={resource.id}
          workspace={workspace}
          resource={resource}
          zone={zone}
          onSaved={resources.reload}
        />
      )}
      {canSetUp && (mode === 'availability' || resources.data.length === 0) && (
        <NewResourceForm
          base={base}
          onCreated={(id) => {
            setResourceId(id);
            setMode('availability');
            resources.reload();
          }}
        />
      )}
    </div>
  );
}

function NewResourceForm({ base, onCreated }: { base: string; onCreated(id: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'consultant' | 'room'>('consultant');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card filters new-resource"
      onSubmit={(event) => {
        event.preventDefault();
        api.post<{ resource: BookingResource }>(`${base}/booking-resources`, { name, kind }).then(
          ({ resource }) => {
            setName('');
            setError(null);
            onCreated(resource.id);
          },
          (e: Error) => setError(e.message),
        );
      }}
    >
      <input
        name="new-resource"
        aria-label={t('bookings.resourceName')}
        placeholder={t('bookings.resourceName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <select aria-label={t('availability.kind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        <option value="consultant">{t('kind.consultant')}</option>
        <option value="room">{t('kind.room')}</option>
      </select>
      <button type="submit" disabled={!name.trim()}>
        {t('bookings.addResource')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
