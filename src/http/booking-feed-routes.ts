/**
 * A resource's bookings as a calendar feed behind a secret URL, for Google Calendar or
 * Outlook: a manager makes (or replaces) the secret through the API; the feed itself is
 * fetched without a bearer token (calendar apps cannot send one), the secret being the
 * credential. An unknown secret is a bare 404 that says nothing about why.
 */
import type { FastifyInstance } from 'fastify';
import { bookingFeedUrl } from '../booking/booking-feed-url.js';
import { readBookingFeed } from '../booking/read-booking-feed.js';
import { rotateBookingFeed } from '../booking/rotate-booking-feed.js';
import type { ServiceContext } from '../context/service-context.js';
import { stopBookingFeed } from '../booking/stop-booking-feed.js';
import { workspaceOf } from './authenticate.js';

type ResourceParams = { Params: { slug: string; id: string } };

/**
 * POST /api/v1/workspaces/:slug/booking-resources/:id/feed → { url }: a new secret each time;
 * DELETE → 204: no feed (the URL stops working).
 */
export function registerBookingFeedApiRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.post<ResourceParams>('/workspaces/:slug/booking-resources/:id/feed', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const { token } = await rotateBookingFeed(ctx.database.db, workspace.id, request.params.id);
    // Behind a proxy the request's host may be an internal one: ARI_PUBLIC_URL says where people reach ARI.
    const base = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
    return { url: bookingFeedUrl(base, token) };
  });

  api.delete<ResourceParams>('/workspaces/:slug/booking-resources/:id/feed', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    await stopBookingFeed(ctx.database.db, workspace.id, request.params.id);
    return reply.code(204).send();
  });
}

/** GET /feeds/bookings/:token.ics — outside /api/v1, so no bearer token is asked for. */
export function registerBookingFeedRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<{ Params: { file: string } }>('/feeds/bookings/:file', async (request, reply) => {
    const token = /^(.+)\.ics$/.exec(request.params.file)?.[1];
    const ics = token ? await readBookingFeed(ctx.database.db, token, new Date()) : null;
    if (ics === null) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return (
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="bookings.ics"')
        // The secret is in the URL: keep the answer out of shared caches.
        .header('cache-control', 'private, no-store')
        .send(ics)
    );
  });
}
