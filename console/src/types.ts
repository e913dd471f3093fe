/** The shapes the console reads from /api/v1 (the parts it uses). */
import type { Playbook } from '../../src/assistant/playbook/playbook-schema';

export type { Playbook };

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

export type Role = 'agent' | 'manager' | 'owner' | 'admin';

export interface Me {
  kind: 'admin' | 'workspace';
  role: Role;
  workspaces: Workspace[];
}

export interface DeadLetterList {
  total: number;
  pending: number;
  deadLetters: Array<{
    id: string;
    channel: string;
    reason: string;
    detail: string;
    createdAt: string;
    replayedAt: string | null;
  }>;
}

export interface ContactSummary {
  id: string;
  /** Null for a customer known only by a WhatsApp username (business-scoped user id). */
  phone: string | null;
  username?: string | null;
  name: string | null;
  leadScore: number | null;
  leadStatus: string | null;
}

export interface Conversation {
  id: string;
  channel: string;
  state: string;
  mode: 'ai' | 'human';
  leadScore: number | null;
  leadTemperature: string | null;
  nextAction: string | null;
  handoffReason: string | null;
  lastInboundAt: string | null;
  lastMessageAt: string | null;
  unreadCount: number;
  contact: ContactSummary & { metadata?: LeadMemory };
}

export interface LeadMemory {
  /** Keyed by the playbook's slot ids: `{ name: 'Budi', timeline: { years: 1 }, passport: true }`. */
  facts?: Record<string, unknown>;
  /** `points` keyed by the playbook's rubric category ids (basic_info, …). */
  lead?: { reasoning?: string; points?: Record<string, number>; analyzedAt?: string };
}

export interface Message {
  id: string;
  role: 'user' | 'assistant' | 'human' | 'system';
  direction: 'inbound' | 'outbound';
  content: string;
  status: string;
  error: string | null;
  /** Set when an unconfirmed send was sent once more. */
  resentAt?: string | null;
  /** Found in the provider's history after an outage (the webhook never reached ARI). */
  recovered?: boolean;
  createdAt: string;
}

export interface Thread extends Conversation {
  messages: Message[];
}

export interface Lead extends ContactSummary {
  metadata: LeadMemory;
  conversationId: string | null;
  state: string | null;
  mode: string | null;
  nextAction: string | null;
  lastMessageAt: string | null;
}

export interface Figures {
  calls: number;
  failedCalls: number;
  skippedByBudget: number;
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
}

export interface UsageReport {
  workspace: { slug: string; name: string; timezone: string };
  from: string;
  to: string;
  totals: Figures;
  conversations: number;
  costPerConversationUsd: string | null;
  hotLeads: number;
  costPerHotLeadUsd: string | null;
  bookings: number;
  costPerBookingUsd: string | null;
  groups: Array<
    Figures & {
      key: string;
      mouthCostUsd?: string;
      brainCostUsd?: string;
      contact?: { name: string | null; phone: string | null; username?: string | null; leadStatus: string | null };
    }
  >;
  unpricedModels: Array<{ provider: string; model: string; calls: number }>;
  budgets: Array<{
    period: 'month' | 'day';
    start: string;
    limitUsd: string;
    spentUsd: string;
    percent: number;
    alerts: number[];
  }>;
}

export interface ModelLink {
  provider: string;
  model: string;
  timeoutMs: number;
}

export interface AssistantSettings {
  config: {
    enabled: boolean;
    botName: string;
    language: 'id' | 'en';
    persona: string;
    tone: string;
    greetingTemplate: string;
    communityLink: string | null;
    consultationOffer: string | null;
    knowledgeEntries: Array<{ category: string; title: string; content: string; keywords: string[] }>;
    mouthChain: ModelLink[] | null;
    brainChain: ModelLink[] | null;
    budgetMonthlyUsd: string | null;
    budgetDailyUsd: string | null;
    budgetExhaustedAction: 'rules' | 'handoff';
  };
  effectiveMouthChain: ModelLink[];
  effectiveBrainChain: ModelLink[];
  providers: Array<{ provider: string; configured: boolean }>;
}

export interface DoctorReport {
  ok: boolean;
  checks: Array<{ name: string; status: 'pass' | 'warn' | 'fail'; detail: string; hint?: string; workspace?: string }>;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  role: Exclude<Role, 'admin'>;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A built-in playbook as GET /playbooks lists it. */
export interface PlaybookSummary {
  id: string;
  name: { id: string; en: string };
  description: { id: string; en: string };
}

/** GET/PUT /workspaces/:slug/playbook. */
export interface WorkspacePlaybook {
  /** The built-in in use; null when the workspace has its own playbook. */
  playbookId: string | null;
  custom: boolean;
  playbook: Playbook;
}

/** One problem of a refused document, at its dotted path (`rubric.categories`, `slots.0.question.id`). */
export interface Issue {
  path: string;
  message: string;
}

/** A weekly opening window, local 'HH:MM' in the workspace's zone (weekday 0 = Sunday). */
export interface WeeklyWindow {
  weekday: number;
  startTime: string;
  endTime: string;
}

export interface DayOff {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** GET …/booking-resources: a consultant or room with its rules, weekly hours and days off. */
export interface BookingResource {
  id: string;
  name: string;
  kind: 'consultant' | 'room';
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  leadTimeMinutes: number;
  horizonDays: number;
  location: string;
  active: boolean;
  hasFeed: boolean;
  weekly: WeeklyWindow[];
  daysOff: DayOff[];
}

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export interface Booking {
  id: string;
  resourceId: string;
  resourceName: string;
  contact: { id: string; name: string | null; phone: string | null; username: string | null };
  conversationId: string | null;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
  rescheduledFrom: string | null;
  createdAt: string;
}

/** A free slot of a resource (…/slots, and a 409's alternatives). */
export interface FreeSlot {
  startsAt: string;
  endsAt: string;
  label: string;
  seatsLeft: number;
}
