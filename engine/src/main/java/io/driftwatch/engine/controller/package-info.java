/**
 * The controller stage of the data flow (DESIGN.md §2): every base period it plans, per endpoint and application,
 * the closed windows that have not been analysed yet and hands them to the applications as window tasks. Owns the
 * base period, the window planner, the last-analyzed bookkeeping and the controller's statistics.
 */
package io.driftwatch.engine.controller;
