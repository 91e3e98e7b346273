package io.driftwatch.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 point 8: faults during ingest on Kafka + PostgreSQL/MariaDB + S3, each with exact counts
 * ({@link FaultRun}): {@code kill -9} of the server and a restart on the same backends; a broker restart; a
 * PostgreSQL restart; a MariaDB restart; the object store down for 30 s.
 */
@ExtendWith(Parts.Fixture.class)
class FaultIT {
    @TempDir
    Path dir;

    @Test
    void serverKilledDuringIngest() throws Exception {
        FaultRun run = new FaultRun(Parts.get(), Parts.get().postgres, "fault-kill", dir).start();
        try {
            run.awaitAcked();
            run.server.kill();
            run.server = ServerProcess.start(run.parts, run.flags, dir.resolve("serve-2.log"));
            run.finishAndCheck("kill -9 of the server");
        } finally {
            run.close();
        }
    }

    @Test
    void brokerRestartDuringIngest() throws Exception {
        FaultRun run = new FaultRun(Parts.get(), Parts.get().postgres, "fault-broker", dir).start();
        try {
            run.awaitAcked();
            run.parts.kafka.stop();
            Parts.sleep(3000);
            run.parts.kafka.start();
            run.finishAndCheck("broker restart");
        } finally {
            run.close();
        }
    }

    @Test
    void postgresqlRestartDuringIngest() throws Exception {
        FaultRun run = new FaultRun(Parts.get(), Parts.get().postgres, "fault-pg", dir).start();
        try {
            run.awaitAcked();
            Parts.Server.POSTGRESQL.stop();
            Parts.sleep(3000);
            Parts.Server.POSTGRESQL.start();
            run.finishAndCheck("PostgreSQL restart");
        } finally {
            run.close();
        }
    }

    @Test
    void mariadbRestartDuringIngest() throws Exception {
        FaultRun run = new FaultRun(Parts.get(), Parts.get().mariadb, "fault-my", dir).start();
        try {
            run.awaitAcked();
            Parts.Server.MARIADB.stop();
            Parts.sleep(3000);
            Parts.Server.MARIADB.start();
            run.finishAndCheck("MariaDB restart");
        } finally {
            run.close();
        }
    }

    @Test
    void objectStoreDownFor30sDuringIngest() throws Exception {
        FaultRun run = new FaultRun(Parts.get(), Parts.get().postgres, "fault-s3", dir).start();
        try {
            run.awaitAcked();
            run.parts.s3.stop();
            Parts.sleep(30_000);
            run.parts.s3.up();
            run.finishAndCheck("object store down 30 s");
        } finally {
            run.close();
        }
    }
}
