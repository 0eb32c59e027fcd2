/**
 * What the server seeds: the classification reference names on every start, and the demo city on
 * the first start of an empty database (its data from src/lib/demo, sent through ingest).
 */
export { hasBudgetData, seedDemo, seedDemoHistory, type DemoSeedOptions } from './demo';
export { seedReferenceCodes } from './reference-codes';
