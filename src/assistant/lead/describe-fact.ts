/** A lead's fact as a person reads it (leads CSV, the Mouth's prompt): "yes", "in 1 year", "not sure". */
import { type FactValue, isUndecided, type Timeline } from './lead-facts.js';

export function describeFact(value: FactValue | undefined): string {
  if (value === undefined) return '';
  if (isUndecided(value)) return 'not sure';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') {
    const { later, years } = value as Timeline;
    if (later || years === undefined) return 'later';
    return years === 0 ? 'this year' : `in ${years} year${years === 1 ? '' : 's'}`;
  }
  return String(value);
}
