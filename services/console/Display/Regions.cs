namespace Monitoring.Console.Display;

/// <summary>Zhejiang and its 11 cities by GB/T 2260 code; a county is named by its city and its code.</summary>
public static class Regions
{
    public const string Province = "330000";

    public static readonly IReadOnlyList<(string Code, string Name)> Cities =
    [
        ("330100", "杭州市"), ("330200", "宁波市"), ("330300", "温州市"), ("330400", "嘉兴市"), ("330500", "湖州市"), ("330600", "绍兴市"),
        ("330700", "金华市"), ("330800", "衢州市"), ("330900", "舟山市"), ("331000", "台州市"), ("331100", "丽水市"),
    ];

    public static bool IsCity(string code) => Cities.Any(c => c.Code == code);

    public static string Name(string? code)
    {
        if (code is null or Province)
            return "浙江省（全省）";
        var city = code.Length == 6 ? code[..4] + "00" : code;
        var cityName = Cities.FirstOrDefault(c => c.Code == city).Name ?? "未知地区";
        return city == code ? cityName : $"{cityName}下辖区县（{code}）";
    }

    /// <summary>Whether <paramref name="regionCode"/> lies in <paramref name="viewing"/> (null: the whole province), as the services' jurisdiction.</summary>
    public static bool Within(string? viewing, string regionCode)
    {
        if (viewing is null or Province)
            return true;
        var prefix = viewing;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
            prefix = prefix[..^2];
        return regionCode.StartsWith(prefix, StringComparison.Ordinal);
    }
}
