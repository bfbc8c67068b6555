namespace Monitoring.Ingest.Keys;

/// <summary>The body of <c>POST /api/v1/keys</c>: a name for people, a role and, for a center, its region.</summary>
public sealed record KeyRequest(string? Name, string? Role, string? Region);

/// <summary>A created key. <see cref="Key"/> is shown once: only its hash is stored.</summary>
public sealed record CreatedKey(Guid KeyId, string Name, string Role, string? Region, string Key);

/// <summary>A key as listed: never the key itself.</summary>
public sealed record KeySummary(Guid KeyId, string Name, string Role, string? Region, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);
