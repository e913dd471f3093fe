/** Days side by side, hours down: each booking placed at its local time in the workspace's zone, coloured by status. */
import { contactHandle } from '../../contact-handle';
import { labelOf, useI18n } from '../../i18n';
import type { Booking, WeeklyWindow } from '../../types';
import { formatDay, localMinutes, localTime, todayIn } from './calendar-days';

const HOUR_PX = 48;

export function BookingCalendar({
  days,
  bookings,
  weekly,
  timezone,
  selectedId,
  onSelect,
}: {
  days: string[];
  bookings: Booking[];
  weekly: WeeklyWindow[];
  timezone: string;
  selectedId: string | null;
  onSelect(booking: Booking): void;
}) {
  const { t, locale } = useI18n();
  const placed = bookings.map((booking) => {
    const start = localMinutes(booking.startsAt, timezone);
    const end = localMinutes(booking.endsAt, timezone);
    // A booking past midnight is drawn to the end of its first day.
    return { booking, date: start.date, from: start.minutes, to: end.date === start.date ? end.minutes : 1440 };
  });
  const { first, last } = hourSpan(weekly, placed);
  const height = (last - first) * HOUR_PX;
  const top = (minutes: number) => ((minutes - first * 60) / 60) * HOUR_PX;
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const today = todayIn(timezone);
  return (
    <div className="calendar-wrap">
      <div className="calendar" style={{ gridTemplateColumns: `3.2rem repeat(${days.length}, minmax(7.5rem, 1fr))` }}>
        <div />
        {days.map((day) => (
          <div key={day} className={`calendar-day-head${day === today ? ' today' : ''}`} data-day={day}>
            {formatDay(day, locale, days.length === 1)}
          </div>
        ))}
        <div className="calendar-hours" style={{ height }}>
          {hours.map((hour) => (
            <span key={hour} style={{ top: top(hour * 60) }}>
              {String(hour).padStart(2, '0')}.00
            </span>
          ))}
        </div>
        {days.map((day) => {
          const ofDay = withLanes(placed.filter((p) => p.date === day));
          return (
            <div key={day} className={`calendar-day${day === today ? ' today' : ''}`} data-day={day} style={{ height }}>
              {hours.map((hour) => (
                <div key={hour} className="calendar-hour-line" style={{ top: top(hour * 60) }} />
              ))}
              {ofDay.map(({ booking, from, to, lane, lanes }) => (
                <button
                  type="button"
                  key={booking.id}
                  data-booking={booking.id}
                  data-status={booking.status}
                  className={`calendar-booking status-${booking.status}${booking.id === selectedId ? ' selected' : ''}`}
                  style={{
                    top: top(from),
                    height: Math.max(((to - from) / 60) * HOUR_PX - 2, 18),
                    left: `${(lane / lanes) * 100}%`,
                    width: `${100 / lanes}%`,
                  }}
                  title={`${localTime(booking.startsAt, timezone)} ${booking.contact.name ?? contactHandle(booking.contact)} · ${labelOf(t, 'status', booking.status)}`}
                  onClick={() => onSelect(booking)}
                >
                  <strong>{localTime(booking.startsAt, timezone)}</strong>{' '}
                  {booking.contact.name ?? contactHandle(booking.contact)}
                </button>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Whole hours from the earliest opening (or booking) to the latest; office hours when there is nothing. */
function hourSpan(weekly: WeeklyWindow[], placed: { from: number; to: number }[]): { first: number; last: number } {
  const starts = [...weekly.map((w) => minutes(w.startTime)), ...placed.map((p) => p.from)];
  const ends = [...weekly.map((w) => minutes(w.endTime)), ...placed.map((p) => p.to)];
  if (starts.length === 0) return { first: 8, last: 18 };
  return { first: Math.floor(Math.min(...starts) / 60), last: Math.max(Math.ceil(Math.max(...ends) / 60), 1) };
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Side-by-side lanes for bookings that overlap (a room's several seats, a cancelled one under its replacement). */
function withLanes<T extends { from: number; to: number }>(items: T[]): (T & { lane: number; lanes: number })[] {
  const sorted = [...items].sort((a, b) => a.from - b.from || b.to - a.to);
  const laneEnds: number[] = [];
  const laned = sorted.map((item) => {
    let lane = laneEnds.findIndex((end) => end <= item.from);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = item.to;
    return { ...item, lane };
  });
  return laned.map((item) => ({ ...item, lanes: Math.max(laneEnds.length, 1) }));
}
