using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Mail.Actors.Serialization;

/// <summary>
/// What the mail serializers share: a fixed table of short manifests, one per concrete type,
/// read both ways. An unknown manifest is a <see cref="SerializationException"/> (a newer
/// maild wrote it), never a guess.
/// </summary>
public abstract class ManifestTableSerializer(ExtendedActorSystem system, IReadOnlyDictionary<Type, string> manifests)
    : SerializerWithStringManifest(system)
{
    private readonly Dictionary<string, Type> _types = manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    public override string Manifest(object o) =>
        manifests.TryGetValue(o.GetType(), out var m) ? m : throw new ArgumentException($"{GetType().Name} cannot serialize {o.GetType()}");

    protected Type TypeOf(string manifest) =>
        _types.TryGetValue(manifest, out var type) ? type : throw new SerializationException($"unknown manifest '{manifest}' (written by a newer maild?)");
}
