/** A free slot to pick, grouped by local day in the workspace's zone. */
import { useI18n } from '../../i18n';
import type { FreeSlot } from '../../types';
import { formatDay, localMinutes, localTime } from './calendar-days';

export function SlotPicker({
  label,
  name,
  slots,
  timezone,
  value,
  onChange,
}: {
  label: string;
  name: string;
  slots: FreeSlot[];
  timezone: string;
  /** The chosen slot's startsAt ('' for none). */
  value: string;
  onChange(startsAt: string): void;
}) {
  const { t, locale } = useI18n();
  const byDay = new Map<string, FreeSlot[]>();
  for (const slot of slots) {
    const { date } = localMinutes(slot.startsAt, timezone);
    byDay.set(date, [...(byDay.get(date) ?? []), slot]);
  }
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{slots.length === 0 ? t('booking.noSlots') : `${t('booking.pickSlot')}…`}</option>
        {[...byDay].map(([date, ofDay]) => (
          <optgroup key={date} label={formatDay(date, locale, true)}>
            {ofDay.map((slot) => (
              <option key={slot.startsAt} value={slot.startsAt} data-label={slot.label}>
                {formatDay(date, locale)} {localTime(slot.startsAt, timezone)}–{localTime(slot.endsAt, timezone)}
                {slot.seatsLeft > 1 ? ` (${slot.seatsLeft})` : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
