// Budget units (预算单位) under their department (主管部门): master data, the latest record wins.
import { z } from 'zod';
import { optionalCode, text, unitCode } from './fields';

export const unitSchema = z.object({
	code: unitCode,
	name: text(200),
	parentCode: optionalCode(unitCode)
});

export type UnitRecord = z.output<typeof unitSchema>;
