/**
 * The Socket.IO rooms the server puts sockets in. The server alone decides a socket's rooms; they
 * are how events reach the sockets allowed to see them and how access changes disconnect sockets.
 */
import type { LiveEvent } from '../../src/lib/live/events';
import type { Role } from '../../src/lib/server/auth/session';

export const ROLES: readonly Role[] = ['member', 'staff', 'admin'];

/** Which roles see events of an audience. */
export const AUDIENCE_ROLES: Record<LiveEvent['audience'], Role[]> = {
	all: ['member', 'staff', 'admin'],
	staff: ['staff', 'admin'],
	admin: ['admin']
};

export const roleRoom = (role: Role) => `role:${role}`;
export const userRoom = (userId: number) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const displayRoom = (displayId: number) => `display:${displayId}`;
/** A wall display's room per topic its screens follow: that topic's events meant for everyone. */
export const wallRoom = (topic: string) => `wall:${topic}`;
/** The sockets on a node watching a live view (views.ts), by the audience it was computed for. */
export const viewRoom = (audience: string, key: string) => `view:${audience}:${key}`;
export const ingestKeyRoom = (keyId: number) => `ingest-key:${keyId}`;
