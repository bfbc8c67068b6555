-- The trace of the latest fact that asked for a plan's rescore (a W3C traceparent), so the scoring and what it
-- announces (PlanScored, warnings) continue the trace that brought the fact in: ingest → scoring → alerts → notice.
ALTER TABLE rescore_queue ADD COLUMN trace_parent text;
