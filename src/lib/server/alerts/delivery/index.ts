/**
 * Severe alerts to a webhook (the door): where they go (webhook.ts), the queue and its sending
 * (queue.ts), and collecting them from the engine's events on a timer (collect.ts).
 *
 * Usage: import * as delivery from '$lib/server/alerts/delivery/index'; await delivery.retryDelivery(db(), id, alertId);
 */
export * from './collect';
export * from './queue';
export * from './webhook';
export * from './target';
