-- The usage rollup is updated when the transaction commits, not at each insert. Every
-- reply of a workspace meters its rules turn into the same rollup row (today, rules, ok):
-- updated at the insert, that row stayed locked until the reply's transaction ended, a
-- round trip or more later, and every other reply of the workspace waited for it (a convoy
-- with several processes on a busy machine). At commit the lock lasts the commit alone.
-- A transaction that reads the rollup after its own inserts (a paid call's budget check)
-- asks for the pending updates first: SET CONSTRAINTS ai_usage_roll_up IMMEDIATE.
DROP TRIGGER ai_usage_roll_up ON ai_usage;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ai_usage_roll_up AFTER INSERT ON ai_usage
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ai_usage_roll_up();
