/**
 * Where a webhook may point: a public address. Loopback, private, link-local and the other special
 * ranges (IPv4, IPv6, IPv4-mapped IPv6; decimal, octal and hex IPv4 forms are normalised by the URL
 * parser first) are refused when the address is saved and again when a message is sent, on the
 * addresses the name resolves to at that moment, which are the ones connected to (no second lookup
 * a DNS rebinding could answer differently). ALERT_WEBHOOK_ALLOW_PRIVATE=1 allows loopback and
 * private ranges for a closed network; link-local (cloud metadata) and the rest stay refused.
 *
 * Usage: const problem = await targetProblem(url, targetPolicy(env));
 *        http.request(url, { lookup: guardedLookup(policy) });
 */
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface TargetPolicy {
	/** Loopback and private ranges allowed (a closed network). */
	allowPrivate: boolean;
}

export function targetPolicy(env: NodeJS.ProcessEnv = process.env): TargetPolicy {
	return { allowPrivate: ['1', 'true', 'yes'].includes(env.ALERT_WEBHOOK_ALLOW_PRIVATE ?? '') };
}

/** Ranges a closed network may use when allowed; every range but these and unicast is refused. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/** Why a webhook may not go to this address (its range), or null. */
export function addressProblem(address: string, policy: TargetPolicy): string | null {
	let parsed: ipaddr.IPv4 | ipaddr.IPv6;
	try {
		parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
	} catch {
		return `${address} is not an address`;
	}
	// An IPv6 address that only carries an IPv4 one is judged as that one.
	if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
		parsed = (parsed as ipaddr.IPv6).toIPv4Address();
	const range = parsed.range();
	if (range === 'unicast') return null;
	if (policy.allowPrivate && PRIVATE_RANGES.has(range)) return null;
	return `${parsed.toString()} is a ${range} address${PRIVATE_RANGES.has(range) ? ' (set ALERT_WEBHOOK_ALLOW_PRIVATE=1 on a closed network)' : ''}`;
}

/** The host of a URL as an address when it is one (IPv6 without brackets), else null. */
function literalAddress(hostname: string): string | null {
	const bare = hostname.replace(/^\[|\]$/g, '');
	return ipaddr.isValid(bare) ? bare : null;
}

/** Why this URL may not be a webhook target, or null; a name must resolve, to allowed addresses only. */
export async function targetProblem(url: string, policy: TargetPolicy): Promise<string | null> {
	let host: string;
	try {
		host = new URL(url).hostname;
	} catch {
		return 'not a URL';
	}
	const literal = literalAddress(host);
	if (literal) return addressProblem(literal, policy);
	let addresses: { address: string }[];
	try {
		addresses = await lookup(host, { all: true, verbatim: true });
	} catch (err) {
		return `${host} does not resolve (${(err as { code?: string }).code ?? 'error'})`;
	}
	for (const a of addresses) {
		const problem = addressProblem(a.address, policy);
		if (problem) return `${host}: ${problem}`;
	}
	return addresses.length === 0 ? `${host} does not resolve` : null;
}

/**
 * A `lookup` for http.request that resolves the name and refuses the connection when any address
 * is not allowed: the check and the connection use the same answer.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
	return (hostname, options, callback) => {
		lookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 })
			.then((addresses) => {
				const problem = addresses
					.map((a) => addressProblem(a.address, policy))
					.find((p) => p !== null);
				if (problem || addresses.length === 0)
					throw Object.assign(new Error(`refused: ${problem ?? `${hostname} has no address`}`), {
						code: 'EREFUSED_TARGET'
					});
				if (options.all) callback(null, addresses);
				else callback(null, addresses[0].address, addresses[0].family);
			})
			.catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
	};
}

/**
 * POSTs a JSON body to an allowed target and returns the answer (redirects are not followed). An
 * address literal is checked here; a name by `guardedLookup` as the connection is made.
 */
export async function postJson(
	url: string,
	body: string,
	policy: TargetPolicy,
	timeoutMs: number
): Promise<{ status: number; text: string }> {
	const target = new URL(url);
	const literal = literalAddress(target.hostname);
	const problem = literal ? addressProblem(literal, policy) : null;
	if (problem) throw Object.assign(new Error(`refused: ${problem}`), { code: 'EREFUSED_TARGET' });
	const { request } =
		target.protocol === 'https:' ? await import('node:https') : await import('node:http');
	return new Promise((resolve, reject) => {
		const req = request(
			target,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'content-length': Buffer.byteLength(body)
				},
				lookup: guardedLookup(policy),
				timeout: timeoutMs
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					if (text.length < 64 * 1024) text += chunk;
				});
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
				res.on('error', reject);
			}
		);
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))
		);
		req.on('error', reject);
		req.end(body);
	});
}
