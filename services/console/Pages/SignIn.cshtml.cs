using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages;

/// <summary>
/// The key is posted once, checked with ingest (<c>GET /api/v1/keys/me</c>), and kept only in the encrypted session cookie.
/// Only center and operator keys sign in; failures per address are limited before ingest sees them.
/// </summary>
[OpenToAnyone]
public sealed class SignInModel(ConsoleSession session, TimeProvider time, IngestApi ingest, SignInLimiter limiter, ILogger<SignInModel> logger)
    : ConsolePage(session, time)
{
    public bool Expired { get; private set; }

    public IActionResult OnGet(bool expired = false)
    {
        if (Session.Current is not null)
            return Redirect("/warnings");
        Expired = expired;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken ct)
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.MayTry(address))
            return Refuse("登录失败次数过多，请一分钟后再试。", StatusCodes.Status429TooManyRequests);
        key = key?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            limiter.Failed(address);
            return Refuse("请输入 API 密钥。", StatusCodes.Status400BadRequest);
        }

        var who = await ingest.WhoIsAsync(key, address, ct);
        if (!who.Ok)
        {
            if (who.Failure!.SignedOut)
            {
                limiter.Failed(address);
                logger.LogInformation("A sign-in with an unknown or revoked key was refused");
                return Refuse("密钥无效或已被吊销，请核对后重试。", StatusCodes.Status401Unauthorized);
            }
            return Refuse(who.Failure.Message("您的密钥"), who.Failure.Status is 0 ? StatusCodes.Status503ServiceUnavailable : (int)who.Failure.Status);
        }
        var identity = who.Value!;
        if (identity.Role is not ("center" or "operator"))
        {
            logger.LogInformation("Key {KeyName} of role {Role} may not sign in to the console", identity.Name, identity.Role);
            return Refuse("该密钥属于一体化平台，只能用于数据接入；工作台请使用评价中心或运维人员的密钥。", StatusCodes.Status403Forbidden);
        }

        Session.SignIn(new Clerk(key, identity.Name, identity.Role, identity.Region, identity.Region));
        logger.LogInformation("{KeyName} ({Role} {Region}) signed in", identity.Name, identity.Role, identity.Region);
        return Redirect("/warnings");
    }

    IActionResult Refuse(string message, int status)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
