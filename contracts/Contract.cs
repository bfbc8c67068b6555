namespace Monitoring.Contracts;

/// <summary>
/// Base of every message the services exchange. <see cref="SchemaVersion"/> says which shape of the
/// record a sender wrote: fields are only ever added (with a default), so a consumer reads any version it
/// knows; a change that would break readers gets a new record type instead of a new version number.
/// </summary>
public abstract record Contract
{
    public int SchemaVersion { get; init; } = 1;
}
