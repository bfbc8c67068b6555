#!/usr/bin/env python3
"""Replays an exam day of the demo scenario through the pre-scaling trigger of deploy/k8s and writes
docs/exam-peak-scaling.md.

A simulation of the HorizontalPodAutoscaler's arithmetic, not of a cluster: no pod, broker or Prometheus runs.

- Exam windows: the `plan` lines of the demo's NDJSON day (examStart, examEnd, candidateCount), made by the built
  demo (`dotnet tools/demo/bin/Release/net10.0/Monitoring.Demo.dll --ndjson FILE --plans 2000`) unless --ndjson
  names a file.
- The gauge: monitoring_scoring_exam_candidates{window="next_1h"} as services/scoring/Plans/ExamWindowGauges.cs
  computes it: the candidates of every plan with exam_end > now and exam_start <= now + 1 h.
- The scaling: minReplicaCount, maxReplicaCount, the exam trigger's threshold and the HPA behavior, read from
  deploy/k8s/components/keda/scaledobjects.yaml, through the HPA's algorithm every 15 s (its sync period):
  desired = ceil(metric / threshold) unless within the 10 % tolerance, clamped to [min, max], the scale-down
  stabilization window (the highest recommendation of its last 900 s), and the scale-up and scale-down rate
  policies. The metric is read as of one Prometheus scrape earlier (15 s). The other triggers (queue depth,
  request rate, CPU) are taken as idle: this shows the floor the exam calendar alone sets.

    bench/exam-peak-scaling/simulate.py [--ndjson FILE] [--day YYYY-MM-DD] [--out docs/exam-peak-scaling.md]

Needs python3 with PyYAML (Debian: python3-yaml, which yamllint brings).
"""
import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import textwrap

try:
    import yaml
except ImportError:
    sys.exit("simulate.py: PyYAML is needed (apt-get install -y python3-yaml)")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCALED_OBJECTS = os.path.join(ROOT, "deploy", "k8s", "components", "keda", "scaledobjects.yaml")
DEMO = os.path.join(ROOT, "tools", "demo", "bin", "Release", "net10.0", "Monitoring.Demo.dll")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
SERVICES = ["ingest", "scoring", "alerts", "notice"]
SYNC = 15  # HPA sync period, seconds
SCRAPE = 15  # the metric is as old as one scrape
TOLERANCE = 0.1
STEP = 300  # table rows: every 5 minutes
PLANS, SEED, TAG = 2000, 20261124, "sim"


def load_plans(ndjson):
    plans = []
    with open(ndjson, encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if item.get("type") != "plan":
                continue
            body = item["body"]
            plans.append((dt.datetime.fromisoformat(body["examStart"]), dt.datetime.fromisoformat(body["examEnd"]),
                          int(body["candidateCount"])))
    if not plans:
        sys.exit(f"simulate.py: no plan lines in {ndjson}")
    return plans


def demo_day():
    if not os.path.exists(DEMO):
        sys.exit(f"simulate.py: {os.path.relpath(DEMO, ROOT)} is not built (dotnet build tools/demo -c Release), "
                 "or pass --ndjson FILE")
    fd, path = tempfile.mkstemp(suffix=".ndjson")
    os.close(fd)
    subprocess.run(["dotnet", DEMO, "--ndjson", path, "--plans", str(PLANS), "--seed", str(SEED), "--tag", TAG],
                   check=True, stdout=subprocess.DEVNULL)
    return path


def scaling_rules():
    """Per service: min, max, the exam trigger's threshold, and the HPA behavior of its ScaledObject."""
    with open(SCALED_OBJECTS, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "ScaledObject"]
    rules = {}
    for d in docs:
        spec = d["spec"]
        exam = [t for t in spec["triggers"] if t["type"] == "prometheus"
                and "monitoring_scoring_exam_candidates" in t["metadata"]["query"]
                and 'window="next_1h"' in t["metadata"]["query"]]
        if len(exam) != 1:
            sys.exit(f"simulate.py: {d['metadata']['name']} has no single next_1h exam trigger")
        behavior = spec["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
        rules[spec["scaleTargetRef"]["name"]] = {
            "min": spec["minReplicaCount"], "max": spec["maxReplicaCount"],
            "threshold": float(exam[0]["metadata"]["threshold"]), "behavior": behavior,
        }
    missing = [s for s in SERVICES if s not in rules]
    if missing:
        sys.exit(f"simulate.py: no ScaledObject for {missing}")
    return rules


def gauge(plans, now, ahead):
    """ExamWindowGauges: candidates of plans whose exam runs at some time within [now, now + ahead]."""
    end = now + ahead
    return sum(c for start, stop, c in plans if stop > now and start <= end)


class Hpa:
    """The HorizontalPodAutoscaler's replica arithmetic for one external AverageValue metric with behavior."""

    def __init__(self, rule):
        self.rule = rule
        self.replicas = rule["min"]
        self.recommendations = []  # (time, desired) for the stabilization windows
        self.events = []  # (time, change) for the rate policies

    def _limit(self, now, rules, up):
        period_changes = {}
        proposals = []
        for policy in rules["policies"]:
            period = policy["periodSeconds"]
            if period not in period_changes:
                period_changes[period] = sum(c for t, c in self.events if now - t < period and (c > 0) == up)
            start = self.replicas - period_changes[period]
            if policy["type"] == "Pods":
                proposals.append(start + policy["value"] if up else start - policy["value"])
            else:
                proposals.append(math.ceil(start * (1 + policy["value"] / 100)) if up
                                 else math.ceil(start * (1 - policy["value"] / 100)))
        select = rules.get("selectPolicy", "Max")
        if select == "Disabled":
            return self.replicas
        # Up: Max picks the largest increase. Down: Min picks the smallest decrease, i.e. the largest count.
        if up:
            return max(proposals) if select == "Max" else min(proposals)
        return max(proposals) if select == "Min" else min(proposals)

    def sync(self, now, metric):
        rule = self.rule
        ratio = metric / (rule["threshold"] * self.replicas)
        raw = self.replicas if abs(ratio - 1) <= TOLERANCE else math.ceil(metric / rule["threshold"])
        raw = min(max(raw, rule["min"]), rule["max"])
        self.recommendations.append((now, raw))
        behavior = rule["behavior"]
        up_window = behavior["scaleUp"].get("stabilizationWindowSeconds", 0)
        down_window = behavior["scaleDown"].get("stabilizationWindowSeconds", 300)
        horizon = max(up_window, down_window)
        self.recommendations = [(t, r) for t, r in self.recommendations if now - t <= horizon]
        # Stabilization: up to the lowest recommendation of the up window, down to the highest of the down window.
        up_to = min(r for t, r in self.recommendations if now - t <= up_window)
        down_to = max(r for t, r in self.recommendations if now - t <= down_window)
        desired = self.replicas
        if up_to > self.replicas:
            desired = up_to
        elif down_to < self.replicas:
            desired = down_to
        if desired > self.replicas:
            desired = min(desired, self._limit(now, behavior["scaleUp"], True))
        elif desired < self.replicas:
            desired = max(desired, self._limit(now, behavior["scaleDown"], False))
        desired = min(max(desired, rule["min"]), rule["max"])
        if desired != self.replicas:
            self.events.append((now, desired - self.replicas))
            self.replicas = desired
        self.events = [(t, c) for t, c in self.events if now - t <= 3600]
        return self.replicas


def simulate(plans, rules, day):
    """Rows every 5 minutes of the day (Asia/Shanghai), the HPA synced every 15 s from 3 hours before; and, per
    service, the first sync that left the minimum and the first one back at it after the highest count."""
    start = dt.datetime.combine(day, dt.time(0), SHANGHAI)
    # Only plans that can be within the hour of some moment of the simulated span count.
    near = [p for p in plans if p[1] > start - dt.timedelta(hours=3) and p[0] <= start + dt.timedelta(hours=25)]
    hpas = {s: Hpa(rules[s]) for s in SERVICES}
    rows = []
    rise, back = {}, {}
    t = -3 * 3600
    while t < 24 * 3600:
        now = start + dt.timedelta(seconds=t)
        metric = gauge(near, now - dt.timedelta(seconds=SCRAPE), dt.timedelta(hours=1))
        for s in SERVICES:
            before = hpas[s].replicas
            after = hpas[s].sync(t, metric)
            if t >= 0 and after > rules[s]["min"] and before == rules[s]["min"]:
                rise.setdefault(s, now)
                back.pop(s, None)
            if t >= 0 and after == rules[s]["min"] and before > rules[s]["min"]:
                back[s] = now
        if t >= 0 and t % STEP == 0:
            rows.append({"time": now, "now": gauge(near, now, dt.timedelta(0)),
                         "next_1h": gauge(near, now, dt.timedelta(hours=1)),
                         **{s: hpas[s].replicas for s in SERVICES}})
        t += SYNC
    return rows, rise, back


def days_of(plans):
    by_day = {}
    for s, e, c in plans:
        d = s.astimezone(SHANGHAI).date()
        plans_, candidates = by_day.get(d, (0, 0))
        by_day[d] = (plans_ + 1, candidates + c)
    return dict(sorted(by_day.items()))


def fmt(n):
    return f"{n:,}"


def wrap(text, indent=""):
    """Markdown wrapped at 118 columns, never inside a `code span` (a line starting with `> now` would quote)."""
    protected = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\x00"), text)
    filled = textwrap.fill(protected, width=118, subsequent_indent=indent, break_on_hyphens=False,
                           break_long_words=False)
    return filled.replace("\x00", " ")


def write(out, plans, rules, day, rows, rise, back, summary):
    day_plans = [(s, e, c) for s, e, c in plans if s.astimezone(SHANGHAI).date() == day]
    first_start = min(s for s, _, _ in day_plans).astimezone(SHANGHAI)
    last_end = max(e for _, e, _ in day_plans).astimezone(SHANGHAI)
    hhmm = lambda t: t.strftime("%H:%M") if t else "–"
    hhmmss = lambda t: t.strftime("%H:%M:%S") if t else "–"
    key = lambda r: (r["now"], r["next_1h"], *(r[s] for s in SERVICES))
    active = [i for i, r in enumerate(rows) if r["next_1h"] > 0 or any(r[s] > rules[s]["min"] for s in SERVICES)]
    span = rows[max(0, active[0] - 3):min(len(rows), active[-1] + 4)]
    # A row is shown when it or its successor changes something, or on the hour; runs in between are elided.
    shown = []
    for i, r in enumerate(span):
        changes = i == 0 or key(span[i - 1]) != key(r) or (i + 1 < len(span) and key(span[i + 1]) != key(r))
        if changes or r["time"].minute == 0 or i == len(span) - 1:
            shown.append(r)
        elif shown and shown[-1] is not None:
            shown.append(None)

    lines = []
    w = lines.append
    w("# Exam-peak scaling: a simulation of the pre-scaling trigger")
    w("")
    w(wrap("**This is a simulation of the HorizontalPodAutoscaler's arithmetic, not a measurement on a cluster.** No "
           "pod, broker or Prometheus ran. It takes the exam windows of the demo scenario, computes the gauge that the "
           "KEDA `prometheus` trigger of every service reads, `max(monitoring_scoring_exam_candidates{window=\"next_1h\"})`, "
           "and applies the thresholds, replica bounds and scaling behavior of "
           "`deploy/k8s/components/keda/scaledobjects.yaml` the way the HPA does."))
    w("")
    w(wrap("Written by `bench/exam-peak-scaling/simulate.py`; run it again after changing a ScaledObject (it reads the "
           "numbers from that file)."))
    w("")
    w(wrap(f"- **Exam windows**: the `plan` lines of the demo day, `Monitoring.Demo --ndjson FILE --plans {PLANS} "
           f"--seed {SEED}` ({fmt(len(plans))} plans, {fmt(sum(c for _, _, c in plans))} candidates). The generator "
           "(`tools/demo/Scenario/ScenarioGenerator.cs`) puts each plan's exam on one of 21 days, 25 to 45 days before "
           "the day it runs, from 09:00 to 17:00 Asia/Shanghai; the dates are those of the run that wrote this file.", "  "))
    w(wrap("- **Gauge**: as `services/scoring/Plans/ExamWindowGauges.cs` computes it, the candidates of every plan with "
           "`exam_end > now` and `exam_start <= now + 1 h`; read one scrape (15 s) late.", "  "))
    w(wrap("- **HPA**: synced every 15 s; `desired = ceil(metric / threshold)` unless the ratio to the current replicas "
           "is within the 10 % tolerance, clamped to [min, max]; scale-up at once (stabilization 0 s; the larger of "
           "+100 % and +4 pods per 30 s); scale-down to the highest recommendation of the last 900 s, then at most one "
           "pod per 120 s.", "  "))
    w(wrap("- **Not in it**: the other triggers (queue depth, ingest's request rate, CPU), which add replicas only when "
           "work arrives; pod start-up (30 to 60 s for migrations and the bus), which the hour of lead time covers; "
           "KEDA's fallback.", "  "))
    w("")
    w("| service | min | max | threshold (candidates per replica) |")
    w("|---|---|---|---|")
    for s in SERVICES:
        w(f"| {s} | {rules[s]['min']} | {rules[s]['max']} | {fmt(int(rules[s]['threshold']))} |")
    w("")
    w(f"## The busiest day: {day.isoformat()}")
    w("")
    w(f"{len(day_plans)} plans, {fmt(sum(c for _, _, c in day_plans))} candidates; the first exam starts at "
      f"{hhmm(first_start)}, the last one ends at {hhmm(last_end)}.")
    w("")
    w("| service | above its minimum from | replicas at most | back at its minimum at |")
    w("|---|---|---|---|")
    for s in SERVICES:
        w(f"| {s} | {hhmmss(rise.get(s))} | {max(r[s] for r in rows)} | {hhmmss(back.get(s))} |")
    w("")
    verdicts = []
    for s in SERVICES:
        if s not in rise:
            verdicts.append(f"{s} never rises above its minimum")
        elif rise[s] >= first_start:
            verdicts.append(f"{s} rises only at {hhmmss(rise[s])}, not before the first exam")
        if s in back and back[s] <= last_end:
            verdicts.append(f"{s} is back at its minimum before the last exam ends")
        if s in rise and s not in back:
            verdicts.append(f"{s} is not back at its minimum by the end of the day")
    if verdicts:
        w(wrap("**Not as intended**: " + "; ".join(verdicts) + "."))
    else:
        w(wrap(f"Every service has its extra replicas from an hour before the first exam starts ({hhmm(first_start)}; "
               "the gauge counts an exam from the moment it is within the hour, and the HPA acts at its next sync after "
               "the scrape), keeps them while exams run, and gives them back one by one from 15 minutes after the last "
               f"exam ends ({hhmm(last_end)})."))
    w("")
    w(wrap(f"Every 5 minutes from {hhmm(span[0]['time'])} to {hhmm(span[-1]['time'])}, rows without change elided (⋮) "
           "except on the hour; before and after, no exam is within the hour and every service runs its minimum."))
    w("")
    w("| time | candidates examining now | within the next hour | ingest | scoring | alerts | notice |")
    w("|---|---|---|---|---|---|---|")
    for r in shown:
        if r is None:
            w("| ⋮ | | | | | | |")
        else:
            w(f"| {hhmm(r['time'])} | {fmt(r['now'])} | {fmt(r['next_1h'])} | "
              + " | ".join(str(r[s]) for s in SERVICES) + " |")
    w("")
    w("## Every day of the scenario")
    w("")
    w("The same simulation for each exam day: the highest `next_1h` value of the day and the most replicas it gave.")
    w("")
    w("| day | plans | candidates | peak next 1 h | ingest | scoring | alerts | notice |")
    w("|---|---|---|---|---|---|---|---|")
    for d, (n, c, peak, most) in summary.items():
        w(f"| {d.isoformat()} | {n} | {fmt(c)} | {fmt(peak)} | " + " | ".join(str(most[s]) for s in SERVICES) + " |")
    w("")
    w(wrap("What this does not show, and only a cluster can: that KEDA reads the gauge from the cluster's Prometheus "
           "(the query, its `namespace` matcher, the PodMonitor's `job`), how long new pods take to become ready there, "
           "and whether the thresholds (planning figures, explained in the ScaledObjects' header) fit the load a real "
           "exam day brings; see `docs/deploying.md`."))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ndjson", help="the demo day as NDJSON (default: run the built demo)")
    parser.add_argument("--day", help="the day to tabulate, YYYY-MM-DD (default: the one with most candidates)")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "exam-peak-scaling.md"))
    args = parser.parse_args()

    ndjson = args.ndjson or demo_day()
    try:
        plans = load_plans(ndjson)
    finally:
        if not args.ndjson:
            os.remove(ndjson)
    rules = scaling_rules()
    days = days_of(plans)
    day = dt.date.fromisoformat(args.day) if args.day else max(days, key=lambda d: days[d][1])
    if day not in days:
        sys.exit(f"simulate.py: no exam on {day}")
    summary = {}
    for d, (n, c) in days.items():
        rows, rise, back = simulate(plans, rules, d)
        summary[d] = (n, c, max(r["next_1h"] for r in rows), {s: max(r[s] for r in rows) for s in SERVICES})
        if d == day:
            simulated = (rows, rise, back)
    write(args.out, plans, rules, day, *simulated, summary)
    print(f"simulate.py: wrote {os.path.relpath(args.out, ROOT)} ({day}, {len(plans)} plans)")


if __name__ == "__main__":
    main()
