/** A day as people in a time zone name it, YYYY-MM-DD. Pure (Intl only): the console uses it too. */
export function localDate(timezone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
