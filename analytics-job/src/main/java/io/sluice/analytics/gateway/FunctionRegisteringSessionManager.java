package io.sluice.analytics.gateway;

import java.util.function.Consumer;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;
import org.apache.flink.table.gateway.service.session.Session;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * The gateway's session manager, with functions registered in every session it opens: they go into the session's
 * function catalog as temporary system functions, which every statement of the session sees (each statement's
 * table environment shares the session's catalog of temporary functions). Flink's gateway has no configuration
 * key for this in 2.3: its session environment takes module and catalog creators from the endpoint only.
 */
final class FunctionRegisteringSessionManager implements SessionManager {

    private final SessionManager delegate;
    private final Consumer<TableEnvironment> functions;

    FunctionRegisteringSessionManager(SessionManager delegate, Consumer<TableEnvironment> functions) {
        this.delegate = delegate;
        this.functions = functions;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public Session getSession(SessionHandle sessionHandle) throws SqlGatewayException {
        return delegate.getSession(sessionHandle);
    }

    @Override
    public Session openSession(SessionEnvironment environment) throws SqlGatewayException {
        Session session = delegate.openSession(environment);
        try {
            functions.accept(session.createExecutor().getTableEnvironment());
        } catch (RuntimeException e) {
            delegate.closeSession(session.getSessionHandle());
            throw new SqlGatewayException("Sluice's functions could not be registered in the new session", e);
        }
        return session;
    }

    @Override
    public void closeSession(SessionHandle sessionHandle) throws SqlGatewayException {
        delegate.closeSession(sessionHandle);
    }
}
