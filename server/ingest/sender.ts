/**
 * One Socket.IO connection to the app's `/ingest` namespace that delivers batches until they are
 * acknowledged: it waits while the server is away, and retries with exponential backoff when the
 * server answers `{ error }` (nothing stored) or does not answer in time.
 */
import { io, type Socket } from 'socket.io-client';
import type { IngestAck, IngestRequest } from '../../src/lib/domain/records';
import type { IngestClientToServer, IngestServerToClient } from '../../src/lib/ingest/events';

export interface SenderOptions {
	url: string;
	key: string;
	/** How long to wait for one acknowledgement before sending again. */
	ackTimeoutMs?: number;
	/** First and largest pause between attempts. */
	minBackoffMs?: number;
	maxBackoffMs?: number;
	log?: (line: string) => void;
}

/** The server refused the key: retrying cannot help. */
export class Unauthorized extends Error {}

export class Sender {
	private readonly socket: Socket<IngestServerToClient, IngestClientToServer>;
	private fatal: Error | undefined;
	private readonly waiters = new Set<() => void>();
	private closed = false;

	constructor(private readonly options: SenderOptions) {
		this.socket = io(`${options.url.replace(/\/$/, '')}/ingest`, {
			auth: { key: options.key },
			transports: ['websocket'],
			reconnectionDelay: options.minBackoffMs ?? 500,
			reconnectionDelayMax: options.maxBackoffMs ?? 10_000
		});
		let warned = false;
		this.socket.on('connect', () => {
			if (warned) options.log?.(`connected to ${options.url}`);
			warned = false;
			this.wake();
		});
		this.socket.on('disconnect', (reason) => {
			// Do not let socket.io replay buffered emits: unacknowledged batches are resent by us.
			this.socket.sendBuffer = [];
			if (!this.closed)
				options.log?.(`disconnected from ${options.url} (${reason}); waiting to reconnect`);
			this.wake();
		});
		this.socket.on('connect_error', (err) => {
			if (err.message === 'unauthorized') {
				this.fatal = new Unauthorized(
					`the server at ${options.url} refused the ingest key (INGEST_KEY)`
				);
				this.socket.close();
			} else if (!warned) {
				options.log?.(`cannot reach ${options.url} (${err.message}); retrying`);
				warned = true;
			}
			this.wake();
		});
	}

	private wake() {
		for (const w of [...this.waiters]) w();
	}

	private async connected(signal?: AbortSignal): Promise<void> {
		while (!this.socket.connected) {
			if (this.fatal) throw this.fatal;
			if (this.closed) throw new Error('sender closed');
			signal?.throwIfAborted();
			await new Promise<void>((resolve) => {
				const done = () => {
					this.waiters.delete(done);
					clearTimeout(t);
					resolve();
				};
				const t = setTimeout(done, 1000);
				this.waiters.add(done);
			});
		}
	}

	/** Sends until the server acknowledges (or refuses the key, or `signal` aborts); returns the ack. */
	async send(request: IngestRequest, signal?: AbortSignal): Promise<IngestAck> {
		const min = this.options.minBackoffMs ?? 500;
		const max = this.options.maxBackoffMs ?? 15_000;
		let backoff = min;
		for (let attempt = 1; ; attempt++) {
			await this.connected(signal);
			const outcome = await this.attempt(request, signal);
			if (outcome.ok) return outcome.ack;
			if (this.fatal) throw this.fatal;
			signal?.throwIfAborted();
			this.options.log?.(
				`batch ${request.batchId}: ${outcome.problem}; retry ${attempt} in ${(backoff / 1000).toFixed(1)} s`
			);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, backoff * (0.75 + Math.random() * 0.5));
				signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
			});
			signal?.throwIfAborted();
			backoff = Math.min(max, backoff * 2);
		}
	}

	private attempt(
		request: IngestRequest,
		signal?: AbortSignal
	): Promise<{ ok: true; ack: IngestAck } | { ok: false; problem: string }> {
		return new Promise((resolve) => {
			let settled = false;
			const finish = (v: { ok: true; ack: IngestAck } | { ok: false; problem: string }) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				this.socket.off('disconnect', onDisconnect);
				signal?.removeEventListener('abort', onAbort);
				resolve(v);
			};
			const onAbort = () => finish({ ok: false, problem: 'stopped' });
			signal?.addEventListener('abort', onAbort, { once: true });
			const onDisconnect = () =>
				finish({ ok: false, problem: 'connection lost before the acknowledgement' });
			const timer = setTimeout(
				() => finish({ ok: false, problem: 'no acknowledgement in time' }),
				this.options.ackTimeoutMs ?? 120_000
			);
			this.socket.on('disconnect', onDisconnect);
			// The answer is checked, not trusted: the server may be of another version.
			this.socket.emit('batch', request, (answer) => {
				if (answer && 'error' in answer)
					finish({ ok: false, problem: `server did not store it (${answer.error})` });
				else if (answer && typeof answer.accepted === 'number') finish({ ok: true, ack: answer });
				else
					finish({
						ok: false,
						problem: `unexpected answer ${JSON.stringify(answer)?.slice(0, 200)}`
					});
			});
		});
	}

	close(): void {
		this.closed = true;
		this.socket.close();
		this.wake();
	}
}
