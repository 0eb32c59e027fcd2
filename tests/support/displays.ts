/**
 * A wall display registered by an admin and claimed by its device, as tests of live sockets need
 * one: its id and the cookie its device sends.
 */
import * as displays from '../../src/lib/server/accounts/displays';
import { DISPLAY_COOKIE } from '../../src/lib/server/auth/displays';
import type { PlaylistEntry } from '../../src/lib/wall/screens';

export async function pairedDisplay(
	admin: { id: number; username: string },
	name: string,
	playlist: PlaylistEntry[]
): Promise<{ id: number; cookie: string }> {
	const reg = await displays.register({ actor: admin, name, playlist, address: '::1' });
	if (!reg.ok) throw new Error(`display ${name} not registered`);
	const claimed = await displays.claim({ code: reg.code, address: '::1' });
	if (!claimed.ok) throw new Error(`display ${name} not claimed`);
	return { id: reg.id, cookie: `${DISPLAY_COOKIE}=${claimed.token}` };
}
