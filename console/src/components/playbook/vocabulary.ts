/**
 * The playbook schema's closed lists with the console's words for them. Typed as
 * records over the schema's own types, so a kind, target or signal added there
 * fails the console's typecheck until it is named here.
 */
import type {
  PlaybookStage,
  RoutingTarget,
  SlotKind,
  StandardSignal,
} from '../../../../src/assistant/playbook/playbook-schema';
import type { MessageKey } from '../../i18n';

export const SLOT_KINDS: Record<SlotKind, MessageKey> = {
  name: 'kind.name',
  text: 'kind.text',
  choice: 'kind.choice',
  number: 'kind.number',
  money: 'kind.money',
  timeline: 'kind.timeline',
  yes_no: 'kind.yes_no',
  email: 'kind.email',
  phone: 'kind.phone',
  document: 'kind.document',
};

export const ROUTING_TARGETS: Record<RoutingTarget, MessageKey> = {
  offer_booking: 'target.offer_booking',
  offer_community: 'target.offer_community',
  hand_off: 'target.hand_off',
  answer_from_knowledge: 'target.answer_from_knowledge',
  continue: 'target.continue',
};

const STANDARD: Record<StandardSignal, true> = {
  greeting: true,
  pricing: true,
  complaint: true,
  human_request: true,
  booking: true,
  browsing: true,
  documents: true,
};
export const STANDARD_SIGNALS = Object.keys(STANDARD) as StandardSignal[];

export const STAGE_STATES: Record<PlaybookStage['state'], MessageKey> = {
  qualifying: 'state.qualifying',
  scheduling: 'state.scheduling',
};

export const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as K[];
