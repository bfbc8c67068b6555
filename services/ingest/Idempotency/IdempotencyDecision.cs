namespace Monitoring.Ingest.Idempotency;

/// <summary>What to do with a request that carries an <c>Idempotency-Key</c>.</summary>
public abstract record IdempotencyDecision
{
    /// <summary>First use (or a takeover of an abandoned one): serve it, then complete or release the key.</summary>
    public sealed record Proceed : IdempotencyDecision;

    /// <summary>Served before: send the stored answer again.</summary>
    public sealed record Replay(int StatusCode, string? Body) : IdempotencyDecision;

    /// <summary>The key was used with another request (409).</summary>
    public sealed record Mismatch : IdempotencyDecision;

    /// <summary>Another request with this key is being served right now (409, retry later).</summary>
    public sealed record InProgress : IdempotencyDecision;
}
