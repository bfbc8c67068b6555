using System.Text.Json;

namespace Monitoring.Notice.Issuers;

/// <summary>A center that issues notices, and the abbreviation its document numbers start with (杭技评〔2026〕12号).</summary>
public sealed record Issuer(string RegionCode, string Name, string Abbreviation);

/// <summary>
/// Who issues a plan's notice: the municipal center of the city the plan's region lies in (属地管理), or the
/// provincial center for a region under no city. The centers are data (<c>Issuers/issuers.json</c>).
/// </summary>
public static class Issuers
{
    static readonly Catalogue Data = Load();

    public static Issuer For(string regionCode) =>
        Data.Municipal.FirstOrDefault(i => regionCode.Length == 6 && regionCode.StartsWith(i.RegionCode[..4], StringComparison.Ordinal))
        ?? Data.Provincial;

    static Catalogue Load()
    {
        using var stream = typeof(Issuers).Assembly.GetManifestResourceStream("Monitoring.Notice.Issuers.issuers.json")
            ?? throw new InvalidOperationException("Issuers/issuers.json is not embedded");
        return JsonSerializer.Deserialize<Catalogue>(stream, JsonSerializerOptions.Web)!;
    }

    sealed record Catalogue(Issuer Provincial, IReadOnlyList<Issuer> Municipal);
}
