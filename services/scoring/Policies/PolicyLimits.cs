using System.ComponentModel.DataAnnotations;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// The <c>Scoring:PolicyLimits</c> section: how large a policy and its expressions may be. The expression
/// parser and compiler recurse once per nesting level and per term, and a stack overflow ends the process
/// whatever catches it, so an expression is measured against these bounds before it is parsed. The
/// defaults are ten times what the default policy's longest rule needs.
/// </summary>
public sealed class PolicyLimits
{
    public const string Section = "Scoring:PolicyLimits";

    public static readonly PolicyLimits Default = new();

    /// <summary>Characters of one <c>when</c> or <c>points</c> expression.</summary>
    [Range(16, 100_000)]
    public int MaxExpressionLength { get; init; } = 1_000;

    /// <summary>Tokens (names, literals, operators) of one expression: bounds the depth of the parsed tree.</summary>
    [Range(4, 10_000)]
    public int MaxExpressionTokens { get; init; } = 250;

    /// <summary>Parentheses (and brackets) open at once.</summary>
    [Range(1, 200)]
    public int MaxExpressionNesting { get; init; } = 16;

    /// <summary>Rules in a policy.</summary>
    [Range(1, 10_000)]
    public int MaxRules { get; init; } = 500;

    /// <summary>Characters of the policy's description, a rule's reason and its legal basis: text a person reads in a notice.</summary>
    [Range(16, 100_000)]
    public int MaxDescription { get; init; } = 2_000;

    [Range(16, 100_000)]
    public int MaxReason { get; init; } = 500;

    [Range(16, 100_000)]
    public int MaxLegalBasis { get; init; } = 500;

    /// <summary>Bytes of an uploaded policy document.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;
}
