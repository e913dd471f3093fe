/** Where a resource's ICS feed is subscribed to: `${base}/feeds/bookings/<secret>.ics`. */
export function bookingFeedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/feeds/bookings/${token}.ics`;
}
