/** The job queues' names: what enqueues a job and what works it agree on these, nothing else. */
export const QUEUES = {
  /** One per conversation at a time: answers every unanswered inbound message. */
  reply: 'reply',
  /** One per outbound message: delivers it through its channel. */
  send: 'send',
  /** One per send whose outcome is unknown: after the confirmation window, proves it or sends once more. */
  confirmSend: 'confirm-send',
  /** Tells the team (notify webhook) about a handoff. */
  notify: 'notify',
  /** One per booking reminder (singleton by reminder id), due at its time: queues it through the outbox at most once. */
  bookingReminder: 'booking-reminder',
  /** Reads Kapso's message history back for what webhooks missed (one run at a time, all processes). */
  reconcile: 'reconcile',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
