using Akka.Actor;
using Akka.Configuration;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// Actor systems that talk over real remoting on 127.0.0.1 (port 0: the OS picks a free one),
/// with the serializers bound as in production and <c>serialize-messages</c> off, so a message
/// is serialized only when it really crosses to the other system.
/// </summary>
public static class LoopbackNodes
{
    /// <paramref name="provider"/> is "remote" or "cluster".
    public static Config Remoting(string provider) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = {{provider}}
        akka.actor.serialize-messages = off
        akka.remote.dot-netty.tcp {
          hostname = 127.0.0.1
          port = 0
        }
        akka.loglevel = INFO
        """).WithFallback(MailTestConfig.Serialization);

    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;
}
