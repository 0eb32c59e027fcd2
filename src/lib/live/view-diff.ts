/**
 * The difference between two states of a live view's data, small enough to push to thousands of
 * sockets a change (views.ts, server/realtime/views.ts). The data are JSON values (what a socket
 * carries); the difference is a list of operations, each a path of object keys and array indexes:
 *
 * - `[path, value]`: the value at `path` becomes `value` (an object's key set, an array's index
 *   replaced, or appended when it is the array's length); `[[], value]` replaces the whole;
 * - `[path]`: an object's key is removed, or, for an array's index i, the array ends before i.
 *
 * Arrays are compared index by index (a view's lists grow at the end or change in place); a part
 * whose operations would be longer than the part itself is sent whole. Applying never changes the
 * state it is given: the result shares every unchanged part with it.
 *
 * Usage:
 *   const ops = diffJson(previous, next);      // on the server, once per change
 *   const state = applyDiff(previous, ops);     // on a client holding `previous`; deep-equals `next`
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type DiffPath = (string | number)[];
export type DiffOp = [DiffPath, Json] | [DiffPath];
export type JsonDiff = DiffOp[];

/** A difference that does not fit the state it was applied to. */
export class DiffMismatch extends Error {}

const isObject = (v: unknown): v is Record<string, Json> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The operations that turn `a` into `b` (both JSON values: no undefined, Date, NaN or cycles). */
export function diffJson(a: Json, b: Json): JsonDiff {
	const out: JsonDiff = [];
	walk(a, b, [], out);
	return out;
}

/** Bytes of a value as JSON (its string length is close enough for choosing a smaller form). */
const size = (v: unknown) => JSON.stringify(v).length;

function walk(a: Json, b: Json, path: DiffPath, out: JsonDiff): void {
	if (a === b) return;
	const arrays = Array.isArray(a) && Array.isArray(b);
	if (!arrays && !(isObject(a) && isObject(b))) {
		out.push([path, b]);
		return;
	}
	const mine: JsonDiff = [];
	if (arrays) {
		const [x, y] = [a as Json[], b as Json[]];
		const common = Math.min(x.length, y.length);
		for (let i = 0; i < common; i++) walk(x[i], y[i], [...path, i], mine);
		for (let i = common; i < y.length; i++) mine.push([[...path, i], y[i]]);
		if (y.length < x.length) mine.push([[...path, y.length]]);
	} else {
		const [x, y] = [a as Record<string, Json>, b as Record<string, Json>];
		for (const k of Object.keys(x)) if (!has(y, k)) mine.push([[...path, k]]);
		for (const k of Object.keys(y))
			if (has(x, k)) walk(x[k], y[k], [...path, k], mine);
			else mine.push([[...path, k], y[k]]);
	}
	// Several operations under one part may cost more than the part: then send it whole.
	if (mine.length > 1 && size(mine) >= size(b) + size(path) + 4) out.push([path, b]);
	else out.push(...mine);
}

/**
 * `state` with the difference applied, as a new value sharing the unchanged parts (`state` is left
 * as it was). Throws DiffMismatch when a path does not lead where the difference expects.
 */
export function applyDiff<T>(state: T, diff: JsonDiff): T {
	if (!Array.isArray(diff)) throw new DiffMismatch('a difference is a list');
	// Containers copied during this application: changed in place from then on.
	const fresh = new WeakSet<object>();
	let root = state as unknown as Json;
	for (const op of diff) {
		if (!Array.isArray(op) || !Array.isArray(op[0]) || (op.length !== 1 && op.length !== 2))
			throw new DiffMismatch('malformed operation');
		const [path] = op;
		if (path.length === 0) {
			if (op.length === 1) throw new DiffMismatch('cannot remove the whole');
			root = op[1];
			continue;
		}
		const copy = (v: Json): Json => {
			if (typeof v !== 'object' || v === null)
				throw new DiffMismatch(`no part at ${path.join('.')}`);
			if (fresh.has(v)) return v;
			const c = Array.isArray(v) ? v.slice() : { ...v };
			fresh.add(c);
			return c;
		};
		root = copy(root);
		let node = root as Json[] | Record<string, Json>;
		for (let i = 0; i < path.length - 1; i++) {
			const seg = path[i];
			const child = copy(childOf(node, seg, path));
			setChild(node, seg, child, path);
			node = child as Json[] | Record<string, Json>;
		}
		const last = path[path.length - 1];
		if (op.length === 2) setChild(node, last, op[1], path, true);
		else removeChild(node, last, path);
	}
	return root as unknown as T;
}

function childOf(node: Json[] | Record<string, Json>, seg: string | number, path: DiffPath): Json {
	if (Array.isArray(node)) {
		if (typeof seg !== 'number' || !(seg >= 0 && seg < node.length))
			throw new DiffMismatch(`no index ${seg} at ${path.join('.')}`);
		return node[seg];
	}
	if (typeof seg !== 'string' || !has(node, seg))
		throw new DiffMismatch(`no key ${seg} at ${path.join('.')}`);
	return node[seg];
}

function setChild(
	node: Json[] | Record<string, Json>,
	seg: string | number,
	value: Json,
	path: DiffPath,
	append = false
): void {
	if (Array.isArray(node)) {
		const max = append ? node.length : node.length - 1;
		if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg > max)
			throw new DiffMismatch(`no index ${seg} at ${path.join('.')}`);
		node[seg] = value;
		return;
	}
	if (typeof seg !== 'string')
		throw new DiffMismatch(`an index into an object at ${path.join('.')}`);
	// A key named __proto__ is data here, never the prototype.
	Object.defineProperty(node, seg, { value, writable: true, enumerable: true, configurable: true });
}

function removeChild(
	node: Json[] | Record<string, Json>,
	seg: string | number,
	path: DiffPath
): void {
	if (Array.isArray(node)) {
		if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg > node.length)
			throw new DiffMismatch(`no index ${seg} at ${path.join('.')}`);
		node.length = seg;
		return;
	}
	if (typeof seg !== 'string' || !has(node, seg))
		throw new DiffMismatch(`no key ${seg} at ${path.join('.')}`);
	delete node[seg];
}
