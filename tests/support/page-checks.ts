/**
 * The page checks of the every-page walk (tests/e2e/pages-for-everyone.test.ts): opening a page and
 * letting it settle, its serious accessibility violations, and what breaks its layout at one size.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

/** Opens a page and lets it settle (live pages keep a socket open); false when it is not a 200. */
export async function open(page: Page, url: string): Promise<boolean> {
	const res = await page.goto(url, { waitUntil: 'load' });
	if (!res || res.status() !== 200) return false;
	await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
	return true;
}

/** Serious and critical axe violations of the page at `path`, or null when the role may not open it. */
export async function scan(context: BrowserContext, url: string): Promise<string[] | null> {
	const page = await context.newPage();
	try {
		if (!(await open(page, url))) return null;
		const result = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			.analyze();
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map(
				(v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ') ?? ''}`
			);
	} finally {
		await page.close();
	}
}

/** What breaks a page at one size: sideways scrolling, key figures off screen. */
export async function layoutProblems(
	context: BrowserContext,
	url: string,
	width: number
): Promise<string[] | null> {
	const page = await context.newPage();
	try {
		if (!(await open(page, url))) return null;
		return await page.evaluate((viewport) => {
			const out: string[] = [];
			const doc = document.documentElement;
			if (doc.scrollWidth > viewport + 1)
				out.push(`scrolls sideways: ${doc.scrollWidth} px wide in ${viewport}`);
			for (const el of document.querySelectorAll<HTMLElement>('[data-testid][data-value]')) {
				// A figure inside a box that scrolls on its own (a wide table) is reachable there.
				let boxed = false;
				for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
					const style = getComputedStyle(p);
					if (/(auto|scroll)/.test(style.overflowX) && p.scrollWidth > p.clientWidth) boxed = true;
				}
				const rect = el.getBoundingClientRect();
				if (rect.width === 0 && rect.height === 0) continue;
				if (!boxed && (rect.left < -1 || rect.right > viewport + 1))
					out.push(
						`${el.dataset.testid} off screen (${Math.round(rect.left)}–${Math.round(rect.right)})`
					);
			}
			// Phones and tablets: no column of a table squeezed to a character a line (a wide table
			// scrolls in its box instead), and every field and button tall enough for a finger.
			for (const cell of document.querySelectorAll<HTMLElement>('table :is(th, td)')) {
				const text = cell.textContent?.trim().replace(/\s+/g, ' ') ?? '';
				const style = getComputedStyle(cell);
				if (text.length < 3 || style.display !== 'table-cell') continue;
				const rect = cell.getBoundingClientRect();
				if (rect.width === 0) continue;
				const em = parseFloat(style.fontSize);
				const inner = rect.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
				if (inner < 2.5 * em && rect.height > 3.5 * em)
					out.push(`column of "${text.slice(0, 12)}" squeezed to ${Math.round(inner)} px`);
			}
			for (const control of document.querySelectorAll<HTMLElement>(
				'input:not([type=hidden], [type=checkbox], [type=radio]), select, textarea, button, [data-testid=breadcrumbs] a, [data-testid=period-bar] a'
			)) {
				const rect = control.getBoundingClientRect();
				if (rect.width === 0 || control.closest('.visually-hidden')) continue;
				if (rect.height < 24)
					out.push(
						`${control.tagName.toLowerCase()} ${control.getAttribute('name') ?? control.textContent?.trim().slice(0, 12)} only ${Math.round(rect.height)} px tall`
					);
			}
			if (viewport >= 600) return out;
			// A phone: each row of a table is named readably in its first cell — on one line or at least
			// six characters wide, not a column of single characters, and no word broken inside.
			for (const cell of document.querySelectorAll<HTMLElement>(
				'table tbody tr > :is(th, td):first-child:not([colspan])'
			)) {
				const row = cell.parentElement!;
				if (getComputedStyle(row).display !== 'table-row' || !cell.textContent?.trim()) continue;
				const rect = cell.getBoundingClientRect();
				if (rect.width === 0) continue;
				const em = parseFloat(getComputedStyle(cell).fontSize);
				const name = cell.textContent.trim().replace(/\s+/g, ' ').slice(0, 20);
				const whole = document.createRange();
				whole.selectNodeContents(cell);
				const lines = new Set([...whole.getClientRects()].map((r) => Math.round(r.top))).size;
				if (rect.width < 6 * em && lines > 1)
					out.push(`first cell "${name}" ${Math.round(rect.width)} px wide in ${lines} lines`);
				const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					// Text only for screen readers sits in a 1 px box: it has no lines to read.
					if (node.parentElement!.getBoundingClientRect().width < 4) continue;
					for (const word of node.textContent!.matchAll(/[A-Za-z0-9]+/g)) {
						const range = document.createRange();
						range.setStart(node, word.index);
						range.setEnd(node, word.index + word[0].length);
						const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
						if (lines.size > 1) out.push(`first cell "${name}" breaks "${word[0]}"`);
					}
				}
			}
			// A name or label in any column (user-supplied text, `td.text`): a short word standing alone
			// is never broken inside ("admi/n" in a column squeezed by its neighbours).
			for (const cell of document.querySelectorAll<HTMLElement>('table td.text')) {
				if (cell.getBoundingClientRect().width === 0) continue;
				const em = parseFloat(getComputedStyle(cell).fontSize);
				const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					for (const word of node.textContent!.matchAll(/(?<!\S)[A-Za-z0-9]{2,}(?!\S)/g)) {
						const range = document.createRange();
						range.setStart(node, word.index);
						range.setEnd(node, word.index + word[0].length);
						const rects = [...range.getClientRects()];
						const lines = new Set(rects.map((r) => Math.round(r.top)));
						const width = rects.reduce((sum, r) => sum + r.width, 0);
						if (lines.size > 1 && width <= 4.5 * em)
							out.push(`a cell's "${word[0]}" breaks inside`);
					}
				}
			}
			// A list whose rows stack on a phone shows each row's text within the screen: the cases'
			// conclusions, a case's history (who, what, the note).
			for (const el of document.querySelectorAll<HTMLElement>('[data-testid=alert-history] td')) {
				const rect = el.getBoundingClientRect();
				if (viewport <= 600 && rect.width > 0 && (rect.left < -1 || rect.right > viewport + 1))
					out.push(`case history off screen (${Math.round(rect.left)}–${Math.round(rect.right)})`);
			}
			for (const el of document.querySelectorAll<HTMLElement>('[data-testid=cases] td.summary')) {
				const rect = el.getBoundingClientRect();
				if (rect.left < -1 || rect.right > viewport + 1)
					out.push(
						`case conclusion off screen (${Math.round(rect.left)}–${Math.round(rect.right)})`
					);
			}
			return out;
		}, width);
	} finally {
		await page.close();
	}
}
