/** What a usage report can be asked for (CLI flags, API query), validated once. */
import { z } from 'zod';
import { localDate } from '../core/local-date.js';
import { slugSchema } from '../workspaces/workspace-input.js';

export const USAGE_GROUPS = ['type', 'model', 'day', 'conversation'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

const MAX_DAYS = 400;

const range = {
  from: z.iso.date({ error: 'from must be a date, YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: 'to must be a date, YYYY-MM-DD' }).optional(),
};

function rangeIsSane(input: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (input.from && input.to) {
    if (input.from > input.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    else if ((Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 >= MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${MAX_DAYS} days` });
  }
}

export const usageReportInput = z
  .object({
    slug: slugSchema,
    ...range,
    groupBy: z.enum(USAGE_GROUPS, { error: `group by one of: ${USAGE_GROUPS.join(', ')}` }).optional(),
    /** Conversation groups are listed most expensive first, this many. */
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  })
  // An unknown parameter (a misspelt or snake_case one) is an error, not an option silently dropped.
  .strict()
  .superRefine(rangeIsSane);
export type UsageReportInput = z.input<typeof usageReportInput>;

export const allWorkspacesUsageInput = z.object(range).strict().superRefine(rangeIsSane);
export type AllWorkspacesUsageInput = z.input<typeof allWorkspacesUsageInput>;

/** The default range: this calendar month so far, in the workspace's time zone. */
export function resolveRange(
  timezone: string,
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  const today = localDate(timezone);
  const resolvedTo = to ?? (from && from > today ? from : today);
  return { from: from ?? `${resolvedTo.slice(0, 8)}01`, to: resolvedTo };
}
