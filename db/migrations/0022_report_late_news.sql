CREATE TABLE `report_late_news` (
	`month` text NOT NULL,
	`outcome_id` text NOT NULL,
	PRIMARY KEY(`month`, `outcome_id`)
);
--> statement-breakpoint
-- An outcome written after a month was finalized that falls in its period or was billed in it is late news for it.
CREATE TRIGGER `clock_outcomes_late_news_insert` AFTER INSERT ON `clock_outcomes` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, new.id FROM penalty_reports r
     WHERE r.state = 'final' AND new.updated_at > r.finalized_at
       AND ((new.final_at >= r.period_start AND new.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = new.id));
END;
--> statement-breakpoint
CREATE TRIGGER `clock_outcomes_late_news_update` AFTER UPDATE ON `clock_outcomes` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, new.id FROM penalty_reports r
     WHERE r.state = 'final' AND new.updated_at > r.finalized_at
       AND ((new.final_at >= r.period_start AND new.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = new.id));
END;
--> statement-breakpoint
-- So is a breach waived after the month was finalized, for each outcome of that breach in its period or billed in it.
CREATE TRIGGER `breach_waivers_late_news` AFTER INSERT ON `breach_waivers` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, o.id FROM clock_outcomes o JOIN penalty_reports r ON r.state = 'final' AND new.waived_at > r.finalized_at
     WHERE o.breach_fact_id = new.breach_fact_id
       AND ((o.final_at >= r.period_start AND o.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = o.id));
END;
--> statement-breakpoint
-- What frozen months already have as late news (the report builder's earlier scan, once).
INSERT OR IGNORE INTO report_late_news (month, outcome_id)
  SELECT f.month, o.id FROM penalty_reports f JOIN clock_outcomes o ON o.final_at >= f.period_start AND o.final_at < f.period_end
   WHERE f.state = 'final' AND o.updated_at > f.finalized_at
  UNION SELECT f.month, b.outcome_id FROM penalty_reports f JOIN penalty_billed b ON b.month = f.month
    JOIN clock_outcomes o ON o.id = b.outcome_id WHERE f.state = 'final' AND o.updated_at > f.finalized_at
  UNION SELECT f.month, o.id FROM penalty_reports f JOIN breach_waivers w ON w.waived_at > f.finalized_at
    JOIN clock_outcomes o ON o.breach_fact_id = w.breach_fact_id
   WHERE f.state = 'final' AND ((o.final_at >= f.period_start AND o.final_at < f.period_end)
      OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = f.month AND b.outcome_id = o.id));
