// CPU time a bench run spends, from Linux's /proc: the whole machine's busy time, the app server's
// process and this process (the sender or the worker). On two shared cores throughput moves with
// whatever else runs; CPU per payment, and who spends it, moves much less.
import { readFileSync } from 'node:fs';

/** Linux's clock tick for /proc/stat and /proc/<pid>/stat (USER_HZ: 100 on x86-64 and arm64). */
const USER_HZ = 100;
const US_PER_TICK = 1_000_000 / USER_HZ;

export interface CpuSample {
	/** µs, all cores: busy, waiting for I/O, and busy + idle + waiting. */
	machineBusy: number;
	machineIoWait: number;
	machineTotal: number;
	/** µs of the app server's process (all its threads). */
	server: number;
	/** µs of this process. */
	self: number;
}

/** Now, or null where there is no /proc (the figures are then left out). */
export function sampleCpu(serverPid: number | undefined): CpuSample | null {
	try {
		// cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
		const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync(
			'/proc/stat',
			'utf8'
		)
			.split('\n')[0]
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		const busy = user + nice + system + irq + softirq + steal;
		const self = process.cpuUsage();
		return {
			machineBusy: busy * US_PER_TICK,
			machineIoWait: iowait * US_PER_TICK,
			machineTotal: (busy + idle + iowait) * US_PER_TICK,
			server: serverPid === undefined ? 0 : processTicks(serverPid) * US_PER_TICK,
			self: self.user + self.system
		};
	} catch {
		return null;
	}
}

/** µs of CPU a process (all its threads) has spent so far; 0 where there is no /proc. */
export function processCpu(pid: number | undefined): number {
	try {
		return pid === undefined ? 0 : processTicks(pid) * US_PER_TICK;
	} catch {
		return 0;
	}
}

function processTicks(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command (which may hold spaces): state is field 3, utime 14 and stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** "CPU a payment: …" between two samples, naming this process `selfName` (sender, worker). */
export function cpuPerPayment(
	before: CpuSample | null,
	after: CpuSample | null,
	payments: number,
	selfName: string
): string {
	if (!before || !after) return 'CPU a payment: not measured (no /proc)';
	const per = (us: number) => Math.round(us / payments);
	const machine = after.machineBusy - before.machineBusy;
	const server = after.server - before.server;
	const self = after.self - before.self;
	const total = after.machineTotal - before.machineTotal;
	const busy = (100 * machine) / total;
	const ioWait = (100 * (after.machineIoWait - before.machineIoWait)) / total;
	return (
		`CPU a payment: ${per(machine)} µs on the machine (app server ${per(server)}, ${selfName} ${per(self)}, ` +
		`the rest ${per(machine - server - self)}: the database's processes, the kernel, anything else); ` +
		`cores ${busy.toFixed(0)} % busy, ${ioWait.toFixed(0)} % waiting for I/O`
	);
}
