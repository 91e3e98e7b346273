/**
 * The SQL stores (DESIGN.md §13): every store port on PostgreSQL or MySQL/MariaDB, composed by URI through
 * {@link io.driftwatch.store.sql.SqlStoreProvider}. Entry point for code: {@link io.driftwatch.store.sql.SqlStores}.
 * Schema, indexes, retention and query plans: {@code docs/sql-stores.md}.
 */
package io.driftwatch.store.sql;
