/**
 * Kinesis Data Analytics on Flink SQL: the application runner ({@code sql/*.sql} files run as one statement set),
 * Sluice's SQL functions (stagger windows), reference data and the error output (ARCHITECTURE decision 8).
 */
package io.sluice.analytics;
