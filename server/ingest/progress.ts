/** A one-line progress bar redrawn in place, for large files on a terminal. */
export class Progress {
	private last = 0;
	private shown = false;
	private read = 0;

	constructor(
		private readonly name: string,
		private readonly size: number,
		private readonly enabled: boolean
	) {}

	bytes(read: number) {
		this.read = read;
		if (!this.enabled || Date.now() - this.last < 200) return;
		this.last = Date.now();
		this.draw();
	}

	private draw() {
		const share = this.size > 0 ? Math.min(1, this.read / this.size) : 1;
		const width = 30;
		const filled = Math.round(share * width);
		const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
		process.stdout.write(
			`\r\x1b[K${this.name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${mb(this.read)}/${mb(this.size)} MB`
		);
		this.shown = true;
	}

	log(log: (line: string) => void, line: string) {
		if (this.shown) process.stdout.write('\r\x1b[K');
		log(line);
		if (this.shown) this.draw();
	}

	done() {
		if (this.shown) process.stdout.write('\r\x1b[K');
		this.shown = false;
	}
}
