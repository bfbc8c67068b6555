using Microsoft.Extensions.Options;
using Monitoring.Notice.Notices;
using Monitoring.Notice.Rendering;
using Monitoring.Notice.Templates;
using Xunit;

namespace Monitoring.Notice.Tests;

public sealed class PdfRendererTests
{
    [Theory]
    [InlineData(null)]
    // As the container images have it (deploy/k8s): the font the build copies beside the service, by a relative path.
    [InlineData("Fonts/wqy-microhei.ttc")]
    public void A_long_notice_renders_to_a_PDF_with_the_font_embedded(string? fontPath)
    {
        var request = Requests.Rectification() with
        {
            Deductions = [.. Enumerable.Range(1, 40).Select(i => new Contracts.Deduction($"rule.{i}", 1, "一条很长的扣分原因，用来检验中文在页面宽度处按字符换行并在页面底部换页。", null))],
        };
        var text = NoticeTemplates.Render(request);
        var notice = new NoticeDocument(Guid.NewGuid(), "杭技评〔2026〕1号", "rectification", text.Title, "杭州市技能人才评价管理服务中心", "330100",
            "S0001", "学校", "P-1", "330106", text.Paragraphs, text.LegalBasis, null, Requests.Now, "2026年1月31日");

        var options = fontPath is null ? new NoticeOptions() : new NoticeOptions { FontPath = fontPath };
        var pdf = new PdfRenderer(Options.Create(options)).Render(notice);

        Assert.True(pdf.Length > 1000);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
