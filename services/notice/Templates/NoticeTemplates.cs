using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;

namespace Monitoring.Notice.Templates;

/// <summary>The text of a notice: its title and paragraphs, as issued.</summary>
public sealed record NoticeText(string Title, IReadOnlyList<string> Paragraphs, string LegalBasis);

/// <summary>
/// The Chinese wording of each kind of notice lives in <c>Templates/templates.json</c>; code only fills its
/// placeholders (<c>{{org}}</c>, <c>{{plan}}</c>, <c>{{score}}</c>, <c>{{deductions}}</c>, <c>{{deadline}}</c>,
/// <c>{{reason}}</c>, <c>{{legalBasis}}</c>). A deduction list placeholder standing alone becomes one paragraph per deduction.
/// </summary>
public static partial class NoticeTemplates
{
    static readonly TemplateFile Data = Load();

    public static NoticeText Render(IssueNotice request)
    {
        var template = Data.Kinds[EnumText.Of(request.Kind)];
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org"] = request.OrgName is { Length: > 0 } name ? $"{name}（机构代码：{request.OrgCode}）" : $"机构代码{request.OrgCode}的评价机构",
            ["plan"] = request.PlanId ?? "—",
            ["score"] = request.Score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—",
            ["deadline"] = request.DeadlineAt is { } deadline ? ChineseDate(deadline.AddTicks(-1)) : "—",
            ["reason"] = request.Reason.TrimEnd('。'),
            ["legalBasis"] = Data.LegalBasis,
        };

        var paragraphs = new List<string>();
        foreach (var paragraph in template.Paragraphs)
        {
            if (paragraph == "{{deductions}}")
            {
                paragraphs.AddRange(request.Deductions.Select((d, i) =>
                    $"{i + 1}. {d.Reason}（规则{d.RuleId}，扣{d.Points.ToString("0.##", CultureInfo.InvariantCulture)}分）"));
                continue;
            }
            paragraphs.Add(Placeholder().Replace(paragraph, m => values.TryGetValue(m.Groups[1].Value, out var value)
                ? value
                : throw new InvalidOperationException($"Template {request.Kind} uses an unknown placeholder {m.Value}")));
        }
        return new NoticeText(template.Title, paragraphs, Data.LegalBasis);
    }

    /// <summary>2026年3月1日: the date as Chinese official documents write it.</summary>
    public static string ChineseDate(DateTimeOffset time)
    {
        var day = time.ToOffset(ShanghaiTime.Offset);
        return string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");
    }

    static TemplateFile Load()
    {
        using var stream = typeof(NoticeTemplates).Assembly.GetManifestResourceStream("Monitoring.Notice.Templates.templates.json")
            ?? throw new InvalidOperationException("Templates/templates.json is not embedded");
        return JsonSerializer.Deserialize<TemplateFile>(stream, JsonSerializerOptions.Web)!;
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();

    sealed record TemplateFile(string LegalBasis, Dictionary<string, Template> Kinds);

    sealed record Template(string Title, IReadOnlyList<string> Paragraphs);
}
