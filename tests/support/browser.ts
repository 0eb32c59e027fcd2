/** Debian's Chromium through playwright-core (browsers cannot be downloaded here). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './server';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-quic',
			'--no-first-run'
		]
	});
}

/**
 * A suite's app server (its own process and database) and Chromium: started before the suite's
 * tests, closed after. Read `server` and `browser` inside hooks and tests.
 */
export function useServerAndBrowser(): {
	readonly server: RunningServer;
	readonly browser: Browser;
} {
	const state: { server?: RunningServer; browser?: Browser } = {};
	beforeAll(async () => {
		state.server = await startServer();
		state.browser = await launchBrowser();
	});
	afterAll(async () => {
		await state.browser?.close();
		await state.server?.stop();
	});
	return {
		get server() {
			return state.server!;
		},
		get browser() {
			return state.browser!;
		}
	};
}

/** Signs in through the /login form and waits for the overview. */
export async function signIn(
	page: Page,
	server: RunningServer,
	username = 'admin',
	password = ADMIN_PASSWORD
): Promise<void> {
	await page.goto(`${server.url}/login`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
}

/** Waits until an element's data-value differs from `previous`; returns the new value and when it changed. */
export async function waitForValueChange(
	page: Page,
	testid: string,
	previous: string,
	timeoutMs = 5000
): Promise<{ value: string; at: number }> {
	await page.waitForFunction(
		([id, prev]) =>
			document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') !== prev,
		[testid, previous] as const,
		{ timeout: timeoutMs, polling: 'raf' }
	);
	return {
		value: (await page.getAttribute(`[data-testid="${testid}"]`, 'data-value'))!,
		at: Date.now()
	};
}

/**
 * Watches a page for what must never happen: a Content Security Policy violation, a script error,
 * a dialog (alert() from injected markup). Install before the first navigation.
 */
export async function watch(
	page: Page
): Promise<{ violations(): Promise<string[]>; errors: string[]; dialogs: string[] }> {
	const errors: string[] = [];
	const dialogs: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on(
		'console',
		(m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text())
	);
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	// Injected through the DevTools protocol, so the page's own CSP does not apply to it.
	await page.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push(
				`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}`
			)
		);
	});
	return {
		violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []),
		errors,
		dialogs
	};
}

/** How many distinct colours the first chart canvas on the page has drawn (a blank canvas has one). */
export async function chartColours(page: Page, selector = '.chart canvas'): Promise<number> {
	await page.waitForSelector(selector);
	return page.evaluate((sel) => {
		const canvas = document.querySelector(sel) as HTMLCanvasElement;
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		const colours = new Set<number>();
		for (let i = 0; i < data.length; i += 4 * 7)
			colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
		return colours.size;
	}, selector);
}

/** A line of text drawn on a canvas, where it stands (canvas px) and its font size. */
export interface DrawnText {
	text: string;
	left: number;
	right: number;
	y: number;
	size: number;
}

/**
 * Records the text a page draws on its canvases from its next load on (ECharts draws every label
 * with fillText: a label it cuts is drawn with its ellipsis, a wrapped one line by line); a canvas
 * cleared whole starts its list again, so `read()` gives what each canvas shows now.
 */
export async function recordCanvasText(page: Page): Promise<{ read(): Promise<DrawnText[]> }> {
	await page.addInitScript(() => {
		const shown = new Map<HTMLCanvasElement, DrawnText[]>();
		const proto = CanvasRenderingContext2D.prototype;
		const fillText = proto.fillText;
		const clearRect = proto.clearRect;
		proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
			const m = this.getTransform();
			const width = this.measureText(String(text)).width * m.a;
			const at = new DOMPoint(x, y).matrixTransform(m);
			const left =
				this.textAlign === 'right' || this.textAlign === 'end'
					? at.x - width
					: this.textAlign === 'center'
						? at.x - width / 2
						: at.x;
			const size = Number(/([\d.]+)px/.exec(this.font)?.[1] ?? 0) * m.d;
			const list = shown.get(this.canvas) ?? [];
			list.push({ text: String(text), left, right: left + width, y: at.y, size });
			shown.set(this.canvas, list);
			return fillText.call(this, text, x, y, maxWidth);
		};
		proto.clearRect = function (x: number, y: number, w: number, h: number) {
			if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height)
				shown.delete(this.canvas);
			return clearRect.call(this, x, y, w, h);
		};
		(window as unknown as { drawnText: () => DrawnText[] }).drawnText = () =>
			[...shown.values()].flat();
	});
	return {
		read: () =>
			page.evaluate(() =>
				(window as unknown as { drawnText?: () => DrawnText[] }).drawnText
					? (window as unknown as { drawnText: () => DrawnText[] }).drawnText()
					: []
			)
	};
}
