-- When each ledger row was written, so the ledgers of plans long quiet can be dropped (Ingest:PlanLedgerRetention).
ALTER TABLE plan_messages ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX plan_messages_recorded ON plan_messages (recorded_at);
