import { describe, expect, it } from 'vitest';
import { createPriorityGate } from '../src/db/priority-gate.js';

/** A piece of work that holds the gate until released, recording when it started and ended. */
function holder(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    work: async () => {
      log.push(`${name} start`);
      await released;
      log.push(`${name} end`);
      return name;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('priority gate (in front of PGlite’s one connection)', () => {
  it('lets urgent work go before waiting background work, after the running one, one at a time', async () => {
    const gate = createPriorityGate();
    const log: string[] = [];
    const running = holder(log, 'reply transaction');
    const queued = [holder(log, 'job fetch'), holder(log, 'reply select')];
    const ingest = holder(log, 'ingest commit');
    const done = [
      gate.run(running.work),
      ...queued.map((q) => gate.run(q.work)),
      gate.urgent(() => gate.run(ingest.work)),
    ];
    await turn();
    // The running transaction is never interrupted: nothing else has started.
    expect(log).toEqual(['reply transaction start']);
    running.release();
    await turn();
    expect(log.at(-1)).toBe('ingest commit start');
    ingest.release();
    await turn();
    expect(log.at(-1)).toBe('job fetch start');
    for (const q of queued) q.release();
    expect(await Promise.all(done)).toEqual(['reply transaction', 'job fetch', 'reply select', 'ingest commit']);
    expect(log).toEqual([
      'reply transaction start',
      'reply transaction end',
      'ingest commit start',
      'ingest commit end',
      'job fetch start',
      'job fetch end',
      'reply select start',
      'reply select end',
    ]);
  });

  it('keeps urgency across awaits inside urgent(), and not outside it', async () => {
    const gate = createPriorityGate();
    const log: string[] = [];
    const running = holder(log, 'running');
    const first = gate.run(running.work);
    const background = gate.run(async () => {
      log.push('background');
    });
    const urgent = gate.urgent(async () => {
      await turn();
      await gate.run(async () => {
        log.push('urgent after an await');
      });
    });
    await turn();
    running.release();
    await Promise.all([first, background, urgent]);
    expect(log).toEqual(['running start', 'running end', 'urgent after an await', 'background']);
  });

  it('passes a failure to its caller and goes on with the next', async () => {
    const gate = createPriorityGate();
    const failing = gate.run(async () => {
      throw new Error('deadlock');
    });
    const next = gate.run(async () => 'next ran');
    await expect(failing).rejects.toThrow('deadlock');
    expect(await next).toBe('next ran');
  });
});
