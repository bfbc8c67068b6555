namespace Monitoring.Contracts;

/// <summary>
/// An API key may no longer be used. It repeats the key's details: issue and revocation travel on different
/// queues, and a service that hears of the revocation first must still end up with the key revoked.
/// </summary>
public sealed record ApiKeyRevoked(
    Guid KeyId,
    string Name,
    AccessRole Role,
    string? RegionCode,
    string KeyHash,
    DateTimeOffset IssuedAt,
    DateTimeOffset RevokedAt) : Contract;
