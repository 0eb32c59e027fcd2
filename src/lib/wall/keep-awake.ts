/**
 * Keeps a wall's screen on with the Screen Wake Lock API where the browser has it (a lock is
 * released when the page is hidden, so it is asked for again each time the page shows). Returns
 * the function that lets the screen sleep again. Without the API: nothing (the TV's own setting).
 */
export function keepAwake(): () => void {
	const nav = navigator as Navigator & {
		wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> };
	};
	if (!nav.wakeLock) return () => {};
	let lock: { release(): Promise<void> } | undefined;
	let stopped = false;
	const request = () => {
		if (stopped || document.visibilityState !== 'visible') return;
		nav.wakeLock!.request('screen').then(
			(l) => (stopped ? void l.release() : (lock = l)),
			() => {} // refused (no user activation, power saving): the TV's own setting applies
		);
	};
	document.addEventListener('visibilitychange', request);
	request();
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', request);
		void lock?.release();
	};
}
