package dev.broadsheet.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections the store's follower thread waits for while the gate is
 * closed, so that a test can make changes the follower has not seen and then let it catch up.
 * Every other thread passes.
 */
final class GatedDataSource implements DataSource {
  private final DataSource delegate;
  private volatile boolean closed;
  private volatile int waiting;

  GatedDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Makes the follower wait for its next connection. */
  void close() {
    closed = true;
  }

  void open() {
    closed = false;
    synchronized (this) {
      notifyAll();
    }
  }

  /** Whether the follower waits at the gate now. */
  boolean followerWaiting() {
    return waiting > 0;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (Thread.currentThread().getName().equals("broadsheet-postgres-follower")) {
      synchronized (this) {
        waiting++;
        try {
          while (closed) {
            wait();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted at the gate", e);
        } finally {
          waiting--;
        }
      }
    }
    return delegate.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
