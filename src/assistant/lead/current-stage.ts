/**
 * Where a conversation stands in the playbook: the first stage whose exit
 * conditions do not hold yet (the last one once all have). The stage decides the
 * conversation state and which slot is asked next.
 */
import type { LeadTemperature } from '../../core/vocabulary.js';
import type { Playbook, PlaybookSlot, PlaybookStage } from '../playbook/playbook-schema.js';
import { isSettled, type LeadFacts } from './lead-facts.js';

const WARMTH: Record<LeadTemperature, number> = { cold: 0, warm: 1, hot: 2 };

export function currentStage(
  playbook: Playbook,
  facts: LeadFacts,
  signalsSeen: ReadonlySet<string>,
  temperature: LeadTemperature,
): PlaybookStage {
  const exited = (stage: PlaybookStage) => {
    const { allKnown, anySignal, leadAtLeast } = stage.exitWhen;
    return (
      (allKnown?.every((id) => facts[id] !== undefined) ?? false) ||
      (anySignal?.some((id) => signalsSeen.has(id)) ?? false) ||
      (leadAtLeast !== undefined && WARMTH[temperature] >= WARMTH[leadAtLeast])
    );
  };
  return playbook.stages.find((stage) => !exited(stage)) ?? playbook.stages.at(-1)!;
}

/** The stage's first required slot not settled yet, in the stage's order. */
export function nextSlotToAsk(
  playbook: Playbook,
  stage: PlaybookStage,
  facts: LeadFacts,
  signalsSeen: ReadonlySet<string>,
): PlaybookSlot | null {
  for (const id of stage.slots) {
    const slot = playbook.slots.find((s) => s.id === id);
    if (slot?.required && !isSettled(slot, facts, signalsSeen)) return slot;
  }
  return null;
}
