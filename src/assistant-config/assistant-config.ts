/** A workspace's assistant settings as stored: one `ari_config` row. */
import type { ariConfig } from '../db/schema.js';

export type AssistantConfig = typeof ariConfig.$inferSelect;
