package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.testkit.AuditLogContract;

class MemoryAuditLogTest extends AuditLogContract {
    @Override
    protected AuditLog createLog() {
        return MemoryStores.auditLog();
    }
}
