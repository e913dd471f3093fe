/** WhatsApp timestamps are Unix seconds (often as a string); a missing or bad one means "now". */
export function toDate(timestamp: string | number | undefined): Date {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}
