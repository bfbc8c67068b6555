using Monitoring.Contracts;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>What a valid key allows: its role and, for a center, the region it supervises.</summary>
public sealed record AccessGrant(string KeyId, string Name, AccessRole Role, string? RegionCode);
