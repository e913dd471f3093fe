/**
 * An open-loop load generator: request i is due at start + i / rate, evenly spaced, whether
 * or not earlier ones were answered, and its latency counts from when it was due (so a
 * server that falls behind is charged for the wait, not hidden by a client that slowed down
 * with it — "coordinated omission").
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second and a
 * timer that refills it, all timers started together, so "20 msg/s" arrives as 20
 * simultaneous requests at the top of every second. That is a burst test (kept as
 * BENCH_SHAPE=bursts in bench/ingest.ts), not the steady traffic of a business's day.
 */
import { Pool } from 'undici';

export interface FixedRateRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FixedRateOptions {
  /** Servers' origins; request i goes to origins[i mod n] (round-robin). */
  origins: string[];
  rate: number;
  total: number;
  /** Keep-alive connections, spread over the origins. */
  connections: number;
  /** A request not answered within this is an error (Kapso gives up on a delivery after 10 s). */
  timeoutMs?: number;
  request(index: number): FixedRateRequest;
}

export interface FixedRateResult {
  ok: number;
  /** Answered in time, but not 2xx. */
  non2xx: number;
  /** Connection errors, and answers later than timeoutMs after the request was due. */
  errors: number;
  /** From the first request due to the last answer, s. */
  durationSeconds: number;
  /** Latency of the 2xx answers in time, from when each request was due, ms. */
  latency: { p50: number; p90: number; p99: number; max: number };
}

export async function sendAtFixedRate(options: FixedRateOptions): Promise<FixedRateResult> {
  const { origins, rate, total, timeoutMs = 10_000 } = options;
  const perOrigin = Math.max(1, Math.ceil(options.connections / origins.length));
  const pools = origins.map(
    (origin) => new Pool(origin, { connections: perOrigin, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }),
  );
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let lastAnswer = 0;
  const inFlight: Promise<void>[] = [];

  const send = async (index: number, dueAt: number) => {
    const { path, headers, body } = options.request(index);
    try {
      const response = await pools[index % pools.length]!.request({ method: 'POST', path, headers, body });
      await response.body.dump();
      lastAnswer = performance.now();
      const latency = lastAnswer - dueAt;
      // Queued in the pool counts too: a provider that gave up waiting does not care why.
      if (latency > timeoutMs) errors++;
      else if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(latency);
      else non2xx++;
    } catch {
      errors++;
    }
  };

  const start = performance.now();
  const intervalMs = 1000 / rate;
  let sent = 0;
  while (sent < total) {
    // Everything due by now goes out; a late timer sends the requests it owes at once,
    // each still timed from when it was due.
    const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
    while (sent < due) {
      inFlight.push(send(sent, start + sent * intervalMs));
      sent++;
    }
    const nextDueIn = start + sent * intervalMs - performance.now();
    if (sent < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDueIn)));
  }
  await Promise.all(inFlight);
  await Promise.all(pools.map((pool) => pool.close()));

  latencies.sort((a, b) => a - b);
  // Nearest rank: the smallest latency at or above which a fraction q of the answers lie.
  const at = (q: number) =>
    latencies.length ? Math.round(latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)]!) : 0;
  return {
    ok: latencies.length,
    non2xx,
    errors,
    // At least the schedule's span, so a run where nothing was answered is not divided by zero.
    durationSeconds: (Math.max(lastAnswer, start + (total - 1) * intervalMs, start + 1) - start) / 1000,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
  };
}
