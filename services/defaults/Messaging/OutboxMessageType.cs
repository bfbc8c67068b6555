using Monitoring.Contracts;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>How an outbox row names its message type, and the way back: contracts only, never an arbitrary type.</summary>
static class OutboxMessageType
{
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name)
    {
        var type = Type.GetType(name, throwOnError: false);
        if (type is null || !typeof(Contract).IsAssignableFrom(type))
            throw new InvalidOperationException($"Outbox row names '{name}', which is not a known contract");
        return type;
    }
}
