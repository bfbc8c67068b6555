using Monitoring.Notice.Issuers;
using Monitoring.Notice.Templates;
using Xunit;

namespace Monitoring.Notice.Tests;

/// <summary>What each kind of notice says, from the templates; and who issues it.</summary>
public sealed class NoticeContentTests
{
    [Fact]
    public void A_rectification_notice_names_the_org_the_plan_the_score_each_deduction_the_basis_and_the_deadline()
    {
        var text = NoticeTemplates.Render(Requests.Rectification());

        Assert.Equal("整改通知", text.Title);
        Assert.Equal("杭州市西湖区某职业技能培训学校（机构代码：S0001）：", text.Paragraphs[0]);
        Assert.Contains("认定计划（计划编号：P-2026-0001）系统评分为52.5分，低于60分", text.Paragraphs[1], StringComparison.Ordinal);
        Assert.Equal("1. 考试视频未全程覆盖全部考场和考生（规则video.coverage，扣10分）", text.Paragraphs[2]);
        Assert.Equal("2. 考评员未从考评员库中随机抽取（规则staff.outside-pool，扣5分）", text.Paragraphs[3]);
        Assert.Contains("于2026年2月28日前完成整改", text.Paragraphs[4], StringComparison.Ordinal); // due at the end of Feb 28
        Assert.Contains("浙技评〔2023〕20号", text.Paragraphs[4], StringComparison.Ordinal);
        Assert.Contains("《浙江省技能人才评价监督管理办法》", text.Paragraphs[4], StringComparison.Ordinal);
        Assert.Equal("特此通知。", text.Paragraphs[^1]);
    }

    [Fact]
    public void A_suspension_notice_gives_the_reason_and_suspends_evaluation_activities()
    {
        var text = NoticeTemplates.Render(Requests.Suspension());

        Assert.Equal("暂停评价活动通知", text.Title);
        Assert.Equal("拒不整改（认定计划P-2026-0001），暂停评价活动。", text.Paragraphs[1]);
        Assert.Contains("暂停你单位职业技能等级认定评价活动", text.Paragraphs[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_revocation_notice_revokes_and_removes_the_org_from_the_catalogue_even_without_its_name()
    {
        var text = NoticeTemplates.Render(Requests.Revocation());

        Assert.Equal("取消评价资格通知", text.Title);
        Assert.Equal("机构代码S0001的评价机构：", text.Paragraphs[0]);
        Assert.Contains("移出评价机构目录清单", text.Paragraphs[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_termination_notice_names_the_plan_and_the_finding()
    {
        var text = NoticeTemplates.Render(Requests.Termination());

        Assert.Equal("认定计划终止通知", text.Title);
        Assert.Contains("P-2026-0003", text.Paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("9人中3人不符合报名条件", text.Paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("决定终止该认定计划", text.Paragraphs[2], StringComparison.Ordinal);
        Assert.Contains("认定结果不予认可", text.Paragraphs[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_return_notice_returns_the_plan_for_the_org_to_review_its_applicants_again()
    {
        var text = NoticeTemplates.Render(Requests.Termination() with { Kind = Contracts.NoticeKind.PlanReturn });

        Assert.Equal("认定计划退回通知", text.Title);
        Assert.Contains("P-2026-0003", text.Paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("决定退回该认定计划", text.Paragraphs[2], StringComparison.Ordinal);
        Assert.Contains("重新审核参评人员资格", text.Paragraphs[2], StringComparison.Ordinal);
        Assert.DoesNotContain("终止", text.Paragraphs[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("330106", "杭州市技能人才评价管理服务中心", "杭")]
    [InlineData("330203", "宁波市技能人才评价管理服务中心", "甬")]
    [InlineData("331002", "台州市技能人才评价管理服务中心", "台")]
    [InlineData("331100", "丽水市技能人才评价管理服务中心", "丽")]
    [InlineData("330000", "浙江省技能人才评价管理服务中心", "浙")]
    public void The_issuer_is_the_municipal_center_of_the_plans_region(string region, string name, string abbreviation)
    {
        var issuer = Issuers.Issuers.For(region);
        Assert.Equal((name, abbreviation), (issuer.Name, issuer.Abbreviation));
    }
}
