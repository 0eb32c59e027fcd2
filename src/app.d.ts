import type { SessionUser } from '$lib/server/auth/session';
import type { DisplayPrincipal } from '$lib/server/auth/displays';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			/** The wall display this browser is (its device cookie), or null. */
			display: DisplayPrincipal | null;
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
			user?: SessionUser | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
