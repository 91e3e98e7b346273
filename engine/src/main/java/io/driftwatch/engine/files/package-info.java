/**
 * File-system chores shared by the engine, the adapters, the server, the CLI and the benchmarks: deleting a
 * directory tree ({@link io.driftwatch.engine.files.FileTrees}). Depends on the JDK alone, so every module above the
 * engine may use it without reaching into a stage of the data flow.
 */
package io.driftwatch.engine.files;
