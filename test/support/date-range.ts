/**
 * An explicit report range around now: from yesterday to tomorrow (UTC dates), so
 * every call a test just made is inside it whatever the workspace's time zone, even
 * when the test runs across a local midnight or the last day of a month.
 */
export function aroundNow(now = new Date()): { from: string; to: string } {
  const day = 24 * 3600_000;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: date(now.getTime() - day), to: date(now.getTime() + day) };
}
