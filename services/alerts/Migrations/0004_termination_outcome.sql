-- A confirmed recommendation terminates the plan or returns it to its org (可直接终止或退回认定计划, 浙技评〔2023〕20号
-- 二(三)): which one the center decided. Decisions before this column were terminations.
ALTER TABLE terminations ADD COLUMN outcome text CHECK (outcome IN ('terminated', 'returned'));
UPDATE terminations SET outcome = 'terminated' WHERE status = 'confirmed';
