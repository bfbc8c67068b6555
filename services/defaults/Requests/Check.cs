namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// The rules of one object of a request, reporting into <see cref="FieldErrors"/> under a path prefix.
/// Messages say what is expected and never repeat the value (it may be a 身份证号).
/// </summary>
public readonly struct Check(FieldErrors errors, string prefix, DateOnly today)
{
    public FieldErrors Errors => errors;

    public DateOnly Today => today;

    public string Field(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    public Check Item(string array, int index) => new(errors, $"{Field(array)}[{index}]", today);

    public void Fail(string field, string message) => errors.Add(Field(field), message);

    public bool Required<T>(T? value, string field)
    {
        if (value is not null)
            return true;
        Fail(field, "required");
        return false;
    }

    public void Text(string? value, string field, int maxLength)
    {
        if (!Required(value, field))
            return;
        if (value!.Length > maxLength || !Formats.IsPrintableText(value))
            Fail(field, $"1–{maxLength} printable characters");
    }

    /// <summary>Free text a person reads (a reason, a summary): lines of printable text, at most <paramref name="maxLength"/> characters.</summary>
    public void Paragraph(string? value, string field, int maxLength)
    {
        if (!Required(value, field))
            return;
        if (value!.Length > maxLength || !Formats.IsParagraph(value))
            Fail(field, $"1–{maxLength} characters of text");
    }

    /// <summary>Like <see cref="Paragraph"/>, when the field may be left out.</summary>
    public void OptionalParagraph(string? value, string field, int maxLength)
    {
        if (value is not null)
            Paragraph(value, field, maxLength);
    }

    public void Pattern(string? value, string field, System.Text.RegularExpressions.Regex pattern, string expected)
    {
        if (Required(value, field) && !pattern.IsMatch(value!))
            Fail(field, expected);
    }

    public void OneOf(string? value, string field, params string[] allowed)
    {
        if (Required(value, field) && !allowed.Contains(value, StringComparer.Ordinal))
            Fail(field, "one of " + string.Join(", ", allowed));
    }

    public void Range(int? value, string field, int min, int max)
    {
        if (Required(value, field) && (value < min || value > max))
            Fail(field, $"from {min} to {max}");
    }

    public void Range(decimal? value, string field, decimal min, decimal max)
    {
        if (Required(value, field) && (value < min || value > max))
            Fail(field, $"from {min} to {max}");
    }

    /// <summary>A time in a plausible window: certification in this form started in 2019, and nothing is filed decades ahead.</summary>
    public void Time(DateTimeOffset? value, string field)
    {
        if (Required(value, field) && (value!.Value.Year < 2000 || value.Value.Year > 2100))
            Fail(field, "a time between the years 2000 and 2100");
    }

    public void After(DateTimeOffset? value, string field, DateTimeOffset? earlier, string earlierField)
    {
        Time(value, field);
        if (value is not null && earlier is not null && value <= earlier)
            Fail(field, $"after {earlierField}");
    }

    public void PlanId(string? value, string field)
    {
        if (Required(value, field) && !Formats.IsPlanId(value!))
            Fail(field, Formats.PlanIdExpected);
    }

    public void Region(string? value, string field)
    {
        if (Required(value, field) && !Formats.IsZhejiangRegion(value!))
            Fail(field, Formats.CityRegionExpected);
    }

    public void IdentityNumber(string? value, string field)
    {
        if (!Required(value, field))
            return;
        var problem = Requests.IdentityNumber.Problem(value!, today);
        if (problem is not null)
            Fail(field, problem);
    }

    /// <summary>An array of 1 to 10,000 items, every item present; returns whether to check the items.</summary>
    public bool Items<T>(IReadOnlyList<T?>? items, string field) where T : class
    {
        if (!Required(items, field))
            return false;
        if (items!.Count == 0)
        {
            Fail(field, $"1 to {RequestJson.MaxItems} items");
            return false;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
                errors.Add($"{Field(field)}[{i}]", "an object");
        }
        return true;
    }

    /// <summary>Reports the second and later items that repeat a key (a candidate twice in one call).</summary>
    public void Unique<T>(IReadOnlyList<T?> items, string array, Func<T, string?> key, string field) where T : class
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var value = items[i] is { } item ? key(item) : null;
            if (value is not null && !seen.Add(value))
                Item(array, i).Fail(field, "appears earlier in this call");
        }
    }
}
