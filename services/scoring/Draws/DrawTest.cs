using System.Globalization;
using System.Text;

namespace Monitoring.Scoring.Draws;

/// <summary>
/// "Draws not random in effect" (issue 17; the notice: 考评人员派遣需通过职业能力一体化平台在考评员库中随机抽取). An
/// examiner the platform drew from the pool into a plan is weighed against the org's plans whose exams started within
/// <see cref="ScoringOptions.ExaminerDrawWindow"/> before the plan's (the plan included): under random draws, plan i
/// takes m_i of its pool's N_i examiners, so a given pool examiner is in it with chance p_i = m_i / N_i, independently
/// of the other plans; the number K of the org's plans the examiner is in is Poisson-binomial, and
/// P(K ≥ k) for the k observed is its upper tail. The examiner's draws are not random in effect when k reaches
/// <see cref="ScoringOptions.ExaminerDrawMinimum"/> and the tail is below <see cref="ScoringOptions.ExaminerDrawAlpha"/>
/// divided by the number of pool examiners the org had in the window (each is tested: Bonferroni).
/// </summary>
/// <remarks>
/// Plans whose pool size was not reported are left out: their chances are unknown. The window ends at the plan's
/// exam, so a plan's finding never depends on later plans: it "completes the pattern", and so does every later plan
/// the examiner keeps being sent to while the pattern lasts.
/// </remarks>
public sealed class DrawTest(TimeSpan window, double alpha, int minimum)
{
    public static readonly DrawTest Default = From(new ScoringOptions());

    public static DrawTest From(ScoringOptions options) => new(options.ExaminerDrawWindow, options.ExaminerDrawAlpha, options.ExaminerDrawMinimum);

    public TimeSpan Window => window;

    public int Minimum => minimum;

    /// <summary>The examiners of the plan whose draws into the org's plans of <paramref name="draws"/> are not random in effect, by id.</summary>
    public IReadOnlyList<DrawFinding> Findings(DrawWindow? draws)
    {
        if (draws is null || draws.Drawn.Count == 0 || draws.Chances.Count == 0)
            return [];
        var threshold = alpha / Math.Max(1, draws.Examiners);
        var expected = draws.Chances.Sum();
        var findings = new List<DrawFinding>();
        foreach (var (examinerId, times) in draws.Drawn)
        {
            if (times < minimum)
                continue;
            var tail = UpperTail(draws.Chances, times);
            if (tail < threshold)
                findings.Add(new DrawFinding(examinerId, times, draws.Chances.Count, expected, tail, draws.Examiners, threshold));
        }
        findings.Sort((a, b) => string.CompareOrdinal(a.ExaminerId, b.ExaminerId));
        return findings;
    }

    /// <summary>
    /// P(K ≥ <paramref name="k"/>) for K the number of successes of independent trials with the chances given
    /// (Poisson-binomial), exactly: a pass over the trials keeps P(K = j) for j &lt; k and P(K ≥ k) in one absorbing cell,
    /// O(n·k). The tail is summed directly, never as 1 − P(K &lt; k), so a tail of 10⁻³⁰ keeps its digits.
    /// </summary>
    public static double UpperTail(IReadOnlyList<double> chances, int k)
    {
        if (k <= 0)
            return 1;
        if (k > chances.Count)
            return 0;
        var cells = new double[k + 1];
        cells[0] = 1;
        foreach (var chance in chances)
        {
            var p = Math.Clamp(chance, 0, 1);
            cells[k] += cells[k - 1] * p;
            for (var j = k - 1; j > 0; j--)
                cells[j] = cells[j] * (1 - p) + cells[j - 1] * p;
            cells[0] *= 1 - p;
        }
        return cells[k];
    }

    /// <summary>
    /// The finding as the center reads it, with its numbers: "考评员E1在近365天该机构的12个认定计划中被抽中9次；按考评员库规模随机抽取，
    /// 期望约1.2次，出现9次及以上的概率约为1.7×10⁻⁷，低于判定阈值3.3×10⁻⁵（0.001÷该机构近365天被抽取的30名考评员）".
    /// </summary>
    public string Explain(DrawFinding finding)
    {
        var days = window.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        var expected = finding.Expected < 0.01 ? "期望不足0.01次"
            : "期望约" + finding.Expected.ToString(finding.Expected >= 1 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + "次";
        return string.Create(CultureInfo.InvariantCulture,
            $"考评员{finding.ExaminerId}在近{days}天该机构的{finding.Plans}个认定计划中被抽中{finding.Times}次；按考评员库规模随机抽取，{expected}，"
            + $"出现{finding.Times}次及以上的概率约为{Scientific(finding.Tail)}，低于判定阈值{Scientific(finding.Threshold)}"
            + $"（{alpha.ToString("0.############", CultureInfo.InvariantCulture)}÷该机构近{days}天被抽取的{finding.Examiners}名考评员）");
    }

    /// <summary>A probability as "1.7×10⁻⁷" (two significant digits, the exponent in superscript).</summary>
    public static string Scientific(double probability)
    {
        if (probability <= 0)
            return "0";
        var exponent = (int)Math.Floor(Math.Log10(probability));
        var mantissa = Math.Round(probability / Math.Pow(10, exponent), 1);
        if (mantissa >= 10)
            (mantissa, exponent) = (mantissa / 10, exponent + 1);
        if (exponent == 0)
            return mantissa.ToString("0.0", CultureInfo.InvariantCulture);
        var text = new StringBuilder(mantissa.ToString("0.0", CultureInfo.InvariantCulture)).Append("×10");
        foreach (var c in exponent.ToString(CultureInfo.InvariantCulture))
            text.Append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']);
        return text.ToString();
    }
}

/// <summary>
/// What a plan's draws are weighed against: the chance of each of the org's plans in the window (the plan's own
/// included) to draw a given pool examiner, how many pool examiners the org had in the window, and how many of those
/// plans each of the plan's pool examiners was drawn into.
/// </summary>
public sealed record DrawWindow(IReadOnlyList<double> Chances, int Examiners, IReadOnlyList<(string ExaminerId, int Times)> Drawn);

/// <summary>An examiner drawn <see cref="Times"/> into the org's <see cref="Plans"/> plans where random draws expected <see cref="Expected"/>.</summary>
public sealed record DrawFinding(string ExaminerId, int Times, int Plans, double Expected, double Tail, int Examiners, double Threshold);
