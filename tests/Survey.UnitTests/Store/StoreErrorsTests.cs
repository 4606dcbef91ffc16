using System.Net.Sockets;
using Npgsql;
using Survey.Store;

namespace Survey.UnitTests.Store;

public class StoreErrorsTests
{
    [Fact]
    public void No_primary_among_the_hosts_of_a_multi_host_connection_is_waited_for()
    {
        // What Npgsql throws while the primary restarts and the other host is a standby (each host's state remembered).
        StoreErrors.IsTransient(new NpgsqlException("No suitable host was found.")).Should().BeTrue();
    }

    [Fact]
    public void Every_host_of_a_multi_host_connection_failing_to_connect_is_waited_for()
    {
        var hosts = new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.", new AggregateException(
            new NpgsqlException("Failed to connect to 127.0.0.1:55442", new SocketException((int)SocketError.ConnectionRefused)),
            new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));

        StoreErrors.IsTransient(hosts).Should().BeTrue();
    }

    [Fact]
    public void A_server_that_became_a_standby_under_an_open_connection_is_waited_for()
    {
        StoreErrors.IsTransient(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")).Should().BeTrue();
    }

    [Fact]
    public void A_write_the_store_refuses_is_not_waited_for()
    {
        StoreErrors.IsTransient(new PostgresException("invalid input syntax for type uuid", "ERROR", "ERROR", "22P02")).Should().BeFalse();
        var hosts = new NpgsqlException("Unable to connect to a suitable host.", new AggregateException(
            new PostgresException("password authentication failed for user \"postgres\"", "FATAL", "FATAL", "28P01"),
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        StoreErrors.IsTransient(hosts).Should().BeFalse("a wrong password does not get better by waiting");
    }
}
