/** Indonesia's three zones by the names customers know; the zone's aliases included. */
const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** 'WIB', 'WITA', 'WIT' for Indonesia; elsewhere the UTC offset at that instant ('UTC+8', 'UTC-5', 'UTC'). */
export function zoneAbbreviation(timezone: string, at: Date): string {
  const known = INDONESIAN_ZONES[timezone];
  if (known) return known;
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // ICU writes 'GMT+7'; a zero offset may come as 'GMT' or 'GMT+0'.
  return offset.replace(/^(GMT|UTC)/, 'UTC').replace(/^UTC[+-]0(:00)?$/, 'UTC');
}
