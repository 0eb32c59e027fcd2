// Writes the demo city's audit findings list in the published layout (docs/samples/), for a
// newcomer to drop into the ingest worker's folder: `npx tsx scripts/audit-sample.mts [year]`.
import { auditListWorkbook } from '../src/lib/demo/audit-sheet';
import { demoAuditFindings, demoAuditReport } from '../src/lib/demo/audit';

const year = Number(process.argv[2] ?? new Date().getFullYear());
const findings = demoAuditFindings(year);
const book = auditListWorkbook(demoAuditReport(year - 1), findings, true);
const path = `docs/samples/审计整改清单-${year - 1}.xlsx`;
await book.xlsx.writeFile(path);
console.log(`${path}: ${findings.length} findings of the ${year - 1} audit`);
