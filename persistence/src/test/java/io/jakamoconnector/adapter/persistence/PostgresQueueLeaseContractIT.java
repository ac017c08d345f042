package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.testing.QueueLeasePortContract;
import org.junit.jupiter.api.AfterEach;

/** The domain's QueueLeasePort contract: two instances (two pools) on one database. */
class PostgresQueueLeaseContractIT extends QueueLeasePortContract {
    private TestDatabase db;
    private ExternalDatabase a;
    private ExternalDatabase b;

    private synchronized void open() {
        if (db == null) {
            db = TestDatabase.create();
            db.database();
            a = db.unstarted(1);
            a.start();
            b = db.unstarted(1);
            b.start();
        }
    }

    @Override
    protected QueueLeasePort instanceA() {
        open();
        return new PostgresQueueLeaseAdapter(a);
    }

    @Override
    protected QueueLeasePort instanceB() {
        open();
        return new PostgresQueueLeaseAdapter(b);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }
}
