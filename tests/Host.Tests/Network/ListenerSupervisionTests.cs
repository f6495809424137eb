using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Mail.Actors.Connections;
using Mail.Host.Network;
using Xunit;

namespace Mail.Tests.Network;

/// <summary>
/// A session actor that fails must not leave its client hanging on an open connection, and
/// must not be restarted (a fresh session would greet again mid-dialogue): the listener stops
/// it and closes the connection.
/// </summary>
public sealed class ListenerSupervisionTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("listener-tests", "akka.loglevel = OFF");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_session_that_fails_to_start_gets_its_connection_closed()
    {
        var endpoint = Listen(_ => Props.Create(() => new FailsInConstructor()));
        using var client = await Loopback.Connect(endpoint);
        Assert.Equal("", await ReadAll(client));
    }

    [Fact]
    public async Task A_session_that_throws_on_input_is_stopped_not_restarted_and_the_client_sees_the_close()
    {
        var endpoint = Listen(connection => Props.Create(() => new GreetsThenThrows(connection)));
        using var client = await Loopback.Connect(endpoint);
        await client.SendAsync("boom\r\n"u8.ToArray(), SocketFlags.None, TestContext.Current.CancellationToken);
        // One greeting only: a restarted session would have greeted a second time.
        Assert.Equal("hello\r\n", await ReadAll(client));
    }

    private EndPoint Listen(Func<IConnection, Props> sessions)
    {
        var socket = Loopback.Listen();
        _system.ActorOf(ListenerActor.Props(socket, "test", sessions));
        return socket.LocalEndPoint!;
    }

    private static async Task<string> ReadAll(Socket socket) =>
        System.Text.Encoding.ASCII.GetString(await Loopback.ReadToEnd(socket));

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("session failed to start");
    }

    private sealed class GreetsThenThrows : ReceiveActor
    {
        private readonly IConnection _connection;

        public GreetsThenThrows(IConnection connection)
        {
            _connection = connection;
            Receive<Received>(_ => throw new InvalidOperationException("session failed on input"));
        }

        protected override void PreStart()
        {
            _connection.Send("hello\r\n"u8.ToArray());
            _connection.ReadMore();
        }
    }
}
