namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// Problems by field path (<c>results[3].candidateId</c>), in the shape of RFC 7807's <c>errors</c>. The first
/// problem of a field is the one reported: a value of the wrong type is not also "required".
/// </summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public int Count => errors.Count;

    public bool Has(string field) => errors.ContainsKey(field);

    public void Add(string field, string message) => errors.TryAdd(field, [message]);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors;

    /// <summary>Field names without array positions (<c>results[].candidateId</c>): a bounded set for metrics.</summary>
    public IEnumerable<string> Shapes() => errors.Keys.Select(FieldShape).Distinct();

    static string FieldShape(string path)
    {
        var shape = new System.Text.StringBuilder(path.Length);
        var inIndex = false;
        foreach (var c in path)
        {
            if (c == '[')
            {
                inIndex = true;
                shape.Append("[]");
            }
            else if (c == ']')
                inIndex = false;
            else if (!inIndex)
                shape.Append(c);
        }
        return shape.ToString();
    }
}
