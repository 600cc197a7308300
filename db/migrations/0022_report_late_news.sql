CREATE TABLE `report_late_news` (
	`month` text NOT NULL,
	`outcome_id` text NOT NULL,
	PRIMARY KEY(`month`, `outcome_id`)
);
--> statement-breakpoint
-- Late news about a month is what changed after the draft a report was frozen from was generated, which the frozen
-- lines cannot hold: an outcome written or revised that falls in its period or was billed in it, a breach waived. The
-- triggers record it for every report, draft or final (the report builder reads only final months' news, filtered
-- exactly), so freezing a month needs no scan of its outcomes.
CREATE TRIGGER `clock_outcomes_late_news_insert` AFTER INSERT ON `clock_outcomes` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, new.id FROM penalty_reports r
     WHERE new.updated_at > r.generated_at
       AND ((new.final_at >= r.period_start AND new.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = new.id));
END;
--> statement-breakpoint
CREATE TRIGGER `clock_outcomes_late_news_update` AFTER UPDATE ON `clock_outcomes` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, new.id FROM penalty_reports r
     WHERE new.updated_at > r.generated_at
       AND ((new.final_at >= r.period_start AND new.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = new.id));
END;
--> statement-breakpoint
CREATE TRIGGER `breach_waivers_late_news` AFTER INSERT ON `breach_waivers` BEGIN
  INSERT OR IGNORE INTO report_late_news (month, outcome_id)
    SELECT r.month, o.id FROM clock_outcomes o JOIN penalty_reports r ON new.waived_at > r.generated_at
     WHERE o.breach_fact_id = new.breach_fact_id
       AND ((o.final_at >= r.period_start AND o.final_at < r.period_end)
            OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = r.month AND b.outcome_id = o.id));
END;
--> statement-breakpoint
-- What frozen months already have as late news since their draft.
INSERT OR IGNORE INTO report_late_news (month, outcome_id)
  SELECT f.month, o.id FROM penalty_reports f JOIN clock_outcomes o ON o.final_at >= f.period_start AND o.final_at < f.period_end
   WHERE f.state = 'final' AND o.updated_at > f.generated_at
  UNION SELECT f.month, b.outcome_id FROM penalty_reports f JOIN penalty_billed b ON b.month = f.month
    JOIN clock_outcomes o ON o.id = b.outcome_id WHERE f.state = 'final' AND o.updated_at > f.generated_at
  UNION SELECT f.month, o.id FROM penalty_reports f JOIN breach_waivers w ON w.waived_at > f.generated_at
    JOIN clock_outcomes o ON o.breach_fact_id = w.breach_fact_id
   WHERE f.state = 'final' AND ((o.final_at >= f.period_start AND o.final_at < f.period_end)
      OR EXISTS (SELECT 1 FROM penalty_billed b WHERE b.month = f.month AND b.outcome_id = o.id));
