using System.Net;
using System.Text.RegularExpressions;
using Monitoring.Console.Display;

namespace Monitoring.Console.Api;

/// <summary>What a call to a service came to: its answer, or why there is none.</summary>
public sealed record ApiResult<T>(T? Value, ApiFailure? Failure)
{
    public bool Ok => Failure is null;

    public static implicit operator ApiResult<T>(ApiFailure failure) => new(default, failure);
}

/// <summary>Why a service gave no answer: its status (0 when it could not be reached), which service, and the region a 403 named.</summary>
public sealed partial record ApiFailure(HttpStatusCode Status, string Service, string? Region = null)
{
    public bool SignedOut => Status == HttpStatusCode.Unauthorized;

    public bool Forbidden => Status == HttpStatusCode.Forbidden;

    public bool NotFound => Status == HttpStatusCode.NotFound;

    /// <summary>What a clerk reads: the failure in words, about <paramref name="what"/> (这个认定计划, 该预警…).</summary>
    public string Message(string what) => Status switch
    {
        HttpStatusCode.Forbidden when Region is not null =>
            $"无权查看：{what}属于{Regions.Name(Region)}，不在您所在中心的管辖范围内。如需查看，请联系该地区的评价中心或省级运维人员。",
        HttpStatusCode.Forbidden => $"无权查看：您的密钥不能查看或处理{what}。",
        HttpStatusCode.NotFound => $"未找到{what}：请核对编号；如果数据刚刚提交，请稍后再试。",
        HttpStatusCode.Conflict => $"{what}的状态已经变化（可能已有人处理），请刷新页面查看最新状态。",
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => $"提交的内容不符合要求，请检查{what}的填写后重试。",
        HttpStatusCode.TooManyRequests => "操作过于频繁，请稍等一分钟后再试。",
        HttpStatusCode.Unauthorized => "登录已失效（密钥可能已被吊销），请重新登录。",
        _ => $"{Services.Name(Service)}暂时无法访问，请稍后刷新页面重试。如果持续出现，请联系运维人员。",
    };

    /// <summary>The region of a 403 for another jurisdiction, as the services' problem details name it ("… region 330200 …").</summary>
    public static string? RegionOf(string? detail) => detail is null ? null : RegionCode().Match(detail) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"\b33\d{4}\b")]
    private static partial Regex RegionCode();
}
