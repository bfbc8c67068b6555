namespace Monitoring.Scoring.Policies;

/// <summary>The rubric of DOMAIN.md as a policy (<c>Policies/default-policy.json</c>), stored on first start.</summary>
public static class DefaultPolicy
{
    public static string Json()
    {
        using var stream = typeof(DefaultPolicy).Assembly.GetManifestResourceStream("Monitoring.Scoring.Policies.default-policy.json")
            ?? throw new InvalidOperationException("The default policy is not embedded in the scoring assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PolicyDocument Document()
    {
        var (document, problems) = PolicyValidator.Read(Json());
        return problems.Count == 0
            ? document!
            : throw new InvalidOperationException("The default policy is invalid: " + string.Join("; ", problems.Select(p => $"{p.Path} {p.Message}")));
    }
}
