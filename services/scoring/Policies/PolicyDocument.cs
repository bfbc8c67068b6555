using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// A scoring policy as regulators write it: the ten indicators with their weights, and for each its rules.
/// A rule is a condition on <c>facts</c> (see <see cref="Facts.PlanFacts"/>), the points it deducts (an
/// expression too: <c>2 * facts.ReusedSelfBuiltItems</c>), the reason in Chinese and its legal basis. A rule
/// may also raise a breach (an early warning) or an event such as a plan-termination recommendation.
/// Each rule becomes one NRules rule (see <see cref="CompiledPolicy"/>).
/// </summary>
public sealed record PolicyDocument(
    string Version,
    string Description,
    IReadOnlyList<IndicatorPolicy> Indicators)
{
    /// <summary>Strict reading: unknown or missing members are errors, so a typo never silently drops a rule.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

public sealed record IndicatorPolicy(string Indicator, decimal Weight, IReadOnlyList<RulePolicy> Rules);

public sealed record RulePolicy(
    string Id,
    string When,
    string Points,
    string Reason,
    string? LegalBasis = null,
    BreachPolicy? Breach = null,
    PolicyEvent? Event = null);

/// <summary>An early warning the rule raises when it fires, besides its deduction.</summary>
public sealed record BreachPolicy(Contracts.WarningLevel Level, string Kind);

public enum PolicyEvent { PlanTermination }
