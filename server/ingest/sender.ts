/**
 * One Socket.IO connection to the app's `/ingest` namespace that delivers batches until they are
 * acknowledged: it waits while the server is away, and retries with exponential backoff when the
 * server answers `{ error }` (nothing stored) or does not answer in time.
 */
import { io, type Socket } from 'socket.io-client';
import type { IngestAck, IngestRequest } from '../../src/lib/domain/records';
import type {
	BulkBatchRequest,
	BulkCommitAnswer,
	BulkCommitRequest,
	BulkError,
	IngestAnswer,
	IngestClientToServer,
	IngestServerToClient
} from '../../src/lib/ingest/events';

/** The events a sender delivers until answered, and what each answers when it succeeds. */
type Delivery = 'batch' | 'bulk:batch' | 'bulk:commit';
type Answered<E extends Delivery> = E extends 'bulk:commit' ? BulkCommitAnswer : IngestAck;

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

/**
 * How long a bulk load's commit may take before it is sent again: one transaction over a whole file
 * (minutes for hundreds of thousands of payments on a busy machine). A commit sent again while the
 * first still runs waits for it and gets its stored answer, so this only saves needless waiting.
 */
export const BULK_COMMIT_TIMEOUT_MS = 30 * 60_000;

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
	send(request: IngestRequest, signal?: AbortSignal): Promise<IngestAck> {
		return this.deliver('batch', request, request.batchId, signal);
	}

	/** Stages a batch of a bulk load (`bulk:batch`) until acknowledged; returns the ack. */
	stage(request: BulkBatchRequest, signal?: AbortSignal): Promise<IngestAck> {
		return this.deliver('bulk:batch', request, request.batchId, signal);
	}

	/** Commits a bulk load (`bulk:commit`) until answered; returns the answer. */
	commitLoad(request: BulkCommitRequest, signal?: AbortSignal): Promise<BulkCommitAnswer> {
		return this.deliver('bulk:commit', request, `load ${request.load}`, signal);
	}

	private async deliver<E extends Delivery, A extends Answered<E>>(
		event: E,
		request: Parameters<IngestClientToServer[E]>[0],
		label: string,
		signal?: AbortSignal
	): Promise<A> {
		const min = this.options.minBackoffMs ?? 500;
		const max = this.options.maxBackoffMs ?? 15_000;
		let backoff = min;
		for (let attempt = 1; ; attempt++) {
			await this.connected(signal);
			const outcome = await this.attempt<E, A>(event, request, signal);
			if (outcome.ok) return outcome.ack;
			if (this.fatal) throw this.fatal;
			signal?.throwIfAborted();
			this.options.log?.(
				`${event === 'bulk:commit' ? '' : 'batch '}${label}: ${outcome.problem}; retry ${attempt} in ${(backoff / 1000).toFixed(1)} s`
			);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, backoff * (0.75 + Math.random() * 0.5));
				signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
			});
			signal?.throwIfAborted();
			backoff = Math.min(max, backoff * 2);
		}
	}

	private attempt<E extends Delivery, A extends Answered<E>>(
		event: E,
		request: Parameters<IngestClientToServer[E]>[0],
		signal?: AbortSignal
	): Promise<{ ok: true; ack: A } | { ok: false; problem: string }> {
		return new Promise((resolve) => {
			let settled = false;
			const finish = (v: { ok: true; ack: A } | { ok: false; problem: string }) => {
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
				event === 'bulk:commit'
					? Math.max(BULK_COMMIT_TIMEOUT_MS, this.options.ackTimeoutMs ?? 0)
					: (this.options.ackTimeoutMs ?? 120_000)
			);
			this.socket.on('disconnect', onDisconnect);
			// The answer is checked, not trusted: the server may be of another version.
			const onAnswer = (answer: IngestAnswer | BulkCommitAnswer | BulkError) => {
				if (answer && 'error' in answer)
					finish({ ok: false, problem: `server did not store it (${answer.error})` });
				else if (answer && typeof answer.accepted === 'number')
					finish({ ok: true, ack: answer as A });
				else
					finish({
						ok: false,
						problem: `unexpected answer ${JSON.stringify(answer)?.slice(0, 200)}`
					});
			};
			(this.socket.emit as (e: string, body: unknown, cb: typeof onAnswer) => void)(
				event,
				request,
				onAnswer
			);
		});
	}

	close(): void {
		this.closed = true;
		this.socket.close();
		this.wake();
	}
}
