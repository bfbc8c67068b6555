namespace Monitoring.Console.Session;

/// <summary>
/// Who is signed in: the key (only ever inside the encrypted session cookie and in the calls' Authorization header), and
/// what ingest said it is. <see cref="Viewing"/> is the region the views show: a center's own, or the one an operator chose
/// (null: the whole province).
/// </summary>
public sealed record Clerk(string Key, string Name, string Role, string? Region, string? Viewing)
{
    public bool IsOperator => Role == "operator";

    /// <summary>The address the clerk's browser came from, given to the services as X-Forwarded-For (their per-address limits).</summary>
    public string? ClientAddress { get; init; }

    public override string ToString() => $"{Name} ({Role}{(Region is null ? "" : " " + Region)})";
}
