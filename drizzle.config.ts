import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the one schema and applied by db/migrate.ts at start-up.
export default defineConfig({
	dialect: 'postgresql',
	schema: './db/schema/index.ts',
	out: './db/migrations'
});
