using Monitoring.Testing;

namespace Monitoring.Notice.Tests;

/// <summary>Notice in this test process on the real broker and database of its own environment.</summary>
public sealed class NoticeApp(TestEnvironment environment) : InProcessService<Program>
{
    public override TestEnvironment Environment => environment;

    public static NoticeApp Start(TestEnvironment environment)
    {
        var app = new NoticeApp(environment);
        app.Start();
        return app;
    }
}
