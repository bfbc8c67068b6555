namespace Monitoring.Contracts;

/// <summary>
/// An API key was created. Only the SHA-256 of the key travels (hex); every service keeps its own copy so that
/// it authenticates callers without asking another service.
/// </summary>
public sealed record ApiKeyIssued(
    Guid KeyId,
    string Name,
    AccessRole Role,
    string? RegionCode,
    string KeyHash,
    DateTimeOffset IssuedAt) : Contract;
