/**
 * Secrets at rest: alert channel secrets (webhook URLs and headers, Slack hooks, SMTP passwords) and project
 * credentials are encrypted with AES-GCM ({@link io.driftwatch.engine.secret.SecretBox}) on their way into the
 * endpoint store and decrypted only when read back by the engine that uses them; the stores only ever hold
 * {@code enc:v1:} text.
 */
package io.driftwatch.engine.secret;
