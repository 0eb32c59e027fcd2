// The classification tables by year: the shipped table is the baseline of every year; a city's table
// loaded for a year (code records) applies from that year on.

/** The year the shipped reference entries are stored under: the first year a record can be dated. */
export const REFERENCE_BASE_YEAR = 2000;
