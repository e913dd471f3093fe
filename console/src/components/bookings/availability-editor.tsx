/**
 * A resource's setup for managers (mounted per resource: the draft is not reset when the
 * calendar re-reads in the background, so nothing typed is lost): its rules (slot length, buffer, capacity, lead time,
 * horizon, place), its weekly hours in the workspace's zone, and its days off.
 */
import { useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { BookingResource, DayOff, WeeklyWindow, Workspace } from '../../types';

/** Monday first, as people in Indonesia read a week; 0 = Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const NUMBERS = ['slotMinutes', 'bufferMinutes', 'capacity', 'leadTimeMinutes', 'horizonDays'] as const;
type NumberField = (typeof NUMBERS)[number];

type Draft = Pick<BookingResource, 'name' | 'kind' | 'location' | 'active'> & Record<NumberField, string>;

function draftOf(resource: BookingResource): Draft {
  return {
    name: resource.name,
    kind: resource.kind,
    location: resource.location,
    active: resource.active,
    ...(Object.fromEntries(NUMBERS.map((field) => [field, String(resource[field])])) as Record<NumberField, string>),
  };
}

export function AvailabilityEditor({
  workspace,
  resource,
  zone,
  onSaved,
}: {
  workspace: Workspace;
  resource: BookingResource;
  zone: string;
  onSaved(): void;
}) {
  const { t, locale } = useI18n();
  const base = `/workspaces/${workspace.slug}/booking-resources/${resource.id}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(resource));
  const [weekly, setWeekly] = useState<WeeklyWindow[]>(resource.weekly);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const dayName = (weekday: number) =>
    new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
      // 22 November 2026 is a Sunday.
      new Date(Date.UTC(2026, 10, 22 + weekday)),
    );
  const setWindow = (index: number, patch: Partial<WeeklyWindow>) =>
    setWeekly(weekly.map((w, i) => (i === index ? { ...w, ...patch } : w)));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api.patch(base, {
        name: draft.name,
        kind: draft.kind,
        location: draft.location,
        active: draft.active,
        ...Object.fromEntries(NUMBERS.map((field) => [field, Number(draft[field])])),
      });
      await api.put(`${base}/weekly`, { weekly });
      setStatus({ ok: true, text: t('common.saved') });
      onSaved();
    } catch (error) {
      setStatus({ ok: false, text: (error as Error).message });
    }
  };

  return (
    <div className="availability">
      <form className="card availability-editor" onSubmit={save}>
        <h2>{t('availability.title', { name: resource.name })}</h2>
        <div className="availability-fields">
          <label>
            {t('availability.name')}
            <input name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            {t('availability.kind')}
            <select
              name="kind"
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as Draft['kind'] })}
            >
              <option value="consultant">{t('kind.consultant')}</option>
              <option value="room">{t('kind.room')}</option>
            </select>
          </label>
          {NUMBERS.map((field) => (
            <label key={field}>
              {t(`availability.${field}`)}
              <input
                name={field}
                type="number"
                min={0}
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
              />
            </label>
          ))}
          <label className="wide">
            {t('availability.location')}
            <input
              name="location"
              value={draft.location}
              onChange={(e) => setDraft({ ...draft, location: e.target.value })}
            />
          </label>
          <label className="check">
            <input
              name="active"
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t('availability.active')}
          </label>
        </div>
        <h3>{t('availability.weekly', { zone })}</h3>
        <div className="weekly">
          {WEEK.map((weekday) => (
            <div key={weekday} className="weekly-day" data-weekday={weekday}>
              <span className="weekly-day-name">{dayName(weekday)}</span>
              <span className="weekly-windows">
                {weekly.every((w) => w.weekday !== weekday) && (
                  <span className="muted small">{t('availability.closed')}</span>
                )}
                {weekly.map((w, index) =>
                  w.weekday !== weekday ? null : (
                    <span key={index} className="weekly-window" data-window={index}>
                      <input
                        aria-label={`${dayName(weekday)} ${t('availability.from')}`}
                        name="startTime"
                        placeholder="09:00"
                        maxLength={5}
                        value={w.startTime}
                        onChange={(e) => setWindow(index, { startTime: e.target.value })}
                      />
                      –
                      <input
                        aria-label={`${dayName(weekday)} ${t('availability.to')}`}
                        name="endTime"
                        placeholder="17:00"
                        maxLength={5}
                        value={w.endTime}
                        onChange={(e) => setWindow(index, { endTime: e.target.value })}
                      />
                      <button
                        type="button"
                        className="link"
                        onClick={() => setWeekly(weekly.filter((_, i) => i !== index))}
                      >
                        {t('availability.remove')}
                      </button>
                    </span>
                  ),
                )}
              </span>
              <button
                type="button"
                className="link"
                data-add-hours={weekday}
                onClick={() => setWeekly([...weekly, { weekday, startTime: '09:00', endTime: '17:00' }])}
              >
                {t('availability.addHours')}
              </button>
            </div>
          ))}
        </div>
        {status && (
          <p className={status.ok ? 'ok' : 'error'} role={status.ok ? 'status' : 'alert'} data-availability-status>
            {status.text}
          </p>
        )}
        <div className="save-bar">
          <button type="submit">{t('common.save')}</button>
        </div>
      </form>
      <DaysOffEditor base={base} daysOff={resource.daysOff} onChanged={onSaved} />
      <FeedLink base={base} hasFeed={resource.hasFeed} onChanged={onSaved} />
    </div>
  );
}

function DaysOffEditor({ base, daysOff, onChanged }: { base: string; daysOff: DayOff[]; onChanged(): void }) {
  const { t } = useI18n();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      setError(null);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="card days-off">
      <h2>{t('availability.daysOff')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {daysOff.length === 0 ? (
        <p className="muted">{t('availability.noDaysOff')}</p>
      ) : (
        <ul>
          {daysOff.map((off) => (
            <li key={off.id} data-day-off={off.id}>
              {off.startsOn === off.endsOn ? off.startsOn : `${off.startsOn} – ${off.endsOn}`}
              {off.reason && <span className="muted"> · {off.reason}</span>}{' '}
              <button type="button" className="link" onClick={() => void act(api.delete(`${base}/days-off/${off.id}`))}>
                {t('availability.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void act(
            api.post(`${base}/days-off`, { startsOn, endsOn: endsOn || startsOn, reason }).then(() => {
              setStartsOn('');
              setEndsOn('');
              setReason('');
            }),
          );
        }}
      >
        <input
          type="date"
          name="startsOn"
          aria-label={t('availability.from')}
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
        />
        <input
          type="date"
          name="endsOn"
          aria-label={t('availability.to')}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
        <input
          name="reason"
          placeholder={t('availability.reason')}
          aria-label={t('availability.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" disabled={!startsOn}>
          {t('availability.addDaysOff')}
        </button>
      </form>
    </section>
  );
}

/** The resource's calendar feed (ICS) for Google Calendar or Outlook: a new secret link, shown once. */
function FeedLink({ base, hasFeed, onChanged }: { base: string; hasFeed: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = () =>
    api.post<{ url: string }>(`${base}/feed`, {}).then(
      (made) => {
        setUrl(made.url);
        setError(null);
        onChanged();
      },
      (e: Error) => setError(e.message),
    );
  return (
    <section className="card feed-link">
      <h2>{t('feed.title')}</h2>
      <p className="muted">{t(hasFeed || url ? 'feed.inUse' : 'feed.none')}</p>
      {url && (
        <p className="ok">
          {t('feed.shownOnce')} <code data-feed-url>{url}</code>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="secondary" data-make-feed onClick={() => void make()}>
        {t(hasFeed || url ? 'feed.replace' : 'feed.make')}
      </button>
    </section>
  );
}
