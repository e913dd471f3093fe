/**
 * What the assistant says to a burst of customer messages. For now the
 * acknowledgement text of the workspace's settings; the AI issue replaces this step.
 */
import type { AssistantConfig } from '../workspaces/get-workspace-details.js';

export interface ComposedReply {
  text: string;
  model: string | null;
}

export async function composeReply(assistant: AssistantConfig): Promise<ComposedReply | null> {
  const text = assistant.acknowledgementText?.trim();
  return text ? { text, model: null } : null;
}
