/**
 * The {@code driftwatch} command line: {@code serve} starts every role of the data flow (DESIGN.md §2) in one
 * process; the other commands are clients of the query side and of ingest (projects, models, endpoints, apps,
 * alerts, metrics, serving, demo) over the REST API. Owns argument parsing and the text/JSON output of the CLI.
 */
package io.driftwatch.cli;
