using System.Collections.Concurrent;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// Compiled policies by version (compiling takes ~200 ms, so each version is compiled once per process)
/// and which one is active at a given time. The activation schedule is re-read every few seconds, so an
/// activation made on another replica takes effect here without a restart.
/// </summary>
public sealed class PolicyCatalog(PolicyStore store, TimeProvider time) : IDisposable
{
    static readonly TimeSpan ScheduleTtl = TimeSpan.FromSeconds(5);

    readonly ConcurrentDictionary<string, Lazy<Task<CompiledPolicy>>> compiled = new(StringComparer.Ordinal);
    readonly SemaphoreSlim refresh = new(1, 1);
    IReadOnlyList<ActivePolicy> schedule = [];
    DateTimeOffset scheduleRead = DateTimeOffset.MinValue;

    /// <summary>The policy in force at <paramref name="at"/>: the latest activation that started by then.</summary>
    public async Task<CompiledPolicy> ActiveAtAsync(DateTimeOffset at, CancellationToken ct)
    {
        var current = await ScheduleAsync(ct);
        var active = current.LastOrDefault(p => p.ActiveFrom <= at)
            ?? throw new InvalidOperationException($"No policy is active at {at:O}");
        return await GetAsync(active.Version, ct);
    }

    public async Task<CompiledPolicy> GetAsync(string version, CancellationToken ct)
    {
        var entry = compiled.GetOrAdd(version, v => new Lazy<Task<CompiledPolicy>>(() => LoadAsync(v, ct)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed load (the database was away) is not remembered: the next call tries again.
            compiled.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledPolicy>>>(version, entry));
            throw;
        }
    }

    async Task<CompiledPolicy> LoadAsync(string version, CancellationToken ct)
    {
        var json = await store.DocumentAsync(version, ct) ?? throw new InvalidOperationException($"There is no policy {version}");
        var (document, problems) = PolicyValidator.Read(json);
        if (document is null || problems.Count > 0)
            throw new InvalidOperationException($"Stored policy {version} is invalid: {string.Join("; ", problems.Select(p => p.Message))}");
        return new CompiledPolicy(document);
    }

    /// <summary>Forgets the schedule so the next scoring reads it again (after an activation here).</summary>
    public void Invalidate() => scheduleRead = DateTimeOffset.MinValue;

    public void Dispose() => refresh.Dispose();

    async Task<IReadOnlyList<ActivePolicy>> ScheduleAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - scheduleRead < ScheduleTtl)
            return schedule;
        await refresh.WaitAsync(ct);
        try
        {
            if (time.GetUtcNow() - scheduleRead >= ScheduleTtl)
            {
                schedule = await store.ScheduleAsync(ct);
                scheduleRead = time.GetUtcNow();
            }
            return schedule;
        }
        finally
        {
            refresh.Release();
        }
    }
}
